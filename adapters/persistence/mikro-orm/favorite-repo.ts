import type { FavoriteKey, FavoriteRepo } from '../../../application/ports/favorite-repo.ts';
import { contextEm, type Orm } from './orm.ts';

type Row = { theme_id: string; created_at: Date };

export class MikroOrmFavoriteRepo implements FavoriteRepo {
  constructor(private readonly orm: Orm) {}

  async add(userId: string, themeId: string, at: Date): Promise<boolean> {
    // ON CONFLICT DO NOTHING decides concurrent favourites: exactly one insert reports a row.
    const rows = await contextEm(this.orm).execute<Row[]>(
      `insert into favorites (user_id, theme_id, created_at) values (?, ?, ?) on conflict do nothing returning theme_id`,
      [userId, themeId, at],
    );
    return rows.length === 1;
  }

  async remove(userId: string, themeId: string): Promise<boolean> {
    const rows = await contextEm(this.orm).execute<Row[]>(`delete from favorites where user_id = ? and theme_id = ? returning theme_id`, [userId, themeId]);
    return rows.length === 1;
  }

  async favoritedAmong(userId: string, themeIds: string[]): Promise<Set<string>> {
    if (!themeIds.length) return new Set();
    const rows = await contextEm(this.orm).execute<Row[]>(
      `select theme_id from favorites where user_id = ? and theme_id = any(array(select jsonb_array_elements_text(?::jsonb))::uuid[])`,
      [userId, JSON.stringify(themeIds)],
    );
    return new Set(rows.map((r) => r.theme_id));
  }

  async listOf(userId: string, page: { after?: FavoriteKey | undefined; limit: number }): Promise<FavoriteKey[]> {
    const after = page.after ? `and (created_at, theme_id) < (?, ?)` : '';
    const params = page.after ? [userId, page.after.at, page.after.themeId, page.limit] : [userId, page.limit];
    const rows = await contextEm(this.orm).execute<Row[]>(
      `select theme_id, created_at from favorites where user_id = ? ${after} order by created_at desc, theme_id desc limit ?`,
      params,
    );
    return rows.map((r) => ({ themeId: r.theme_id, at: new Date(r.created_at) }));
  }

  async removeAllOf(userId: string): Promise<string[]> {
    const rows = await contextEm(this.orm).execute<Row[]>(`delete from favorites where user_id = ? returning theme_id`, [userId]);
    return rows.map((r) => r.theme_id);
  }
}
