import type { FavoriteRepo } from '../../../application/ports/favorite-repo.ts';
import { contextEm, type Orm } from './orm.ts';

type Row = { theme_id: string };

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

  async removeAllOf(userId: string): Promise<string[]> {
    const rows = await contextEm(this.orm).execute<Row[]>(`delete from favorites where user_id = ? returning theme_id`, [userId]);
    return rows.map((r) => r.theme_id);
  }
}
