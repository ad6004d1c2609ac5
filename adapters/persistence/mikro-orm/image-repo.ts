import type { ImageRepo, ThemeImageSummary } from '../../../application/ports/image-repo.ts';
import { Image } from '../../../domain/images/image.ts';
import { contextEm, isUuid, type Orm } from './orm.ts';

export class MikroOrmImageRepo implements ImageRepo {
  constructor(private readonly orm: Orm) {}

  async findById(id: string): Promise<Image | null> {
    return isUuid(id) ? contextEm(this.orm).findOne(Image, { id }) : null;
  }

  listByTheme(themeId: string): Promise<Image[]> {
    return contextEm(this.orm).find(Image, { themeId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async summariesOf(themeIds: string[]): Promise<Map<string, ThemeImageSummary>> {
    const summaries = new Map<string, ThemeImageSummary>();
    if (!themeIds.length) return summaries;
    const em = contextEm(this.orm);
    const rows = await em.execute<{ theme_id: string; count: string; cover_id: string | null }[]>(
      `select theme_id, count(*) as count, (array_agg(id) filter (where kind = 'cover'))[1] as cover_id
       from images where theme_id = any(array(select jsonb_array_elements_text(?::jsonb))::uuid[]) group by theme_id`,
      [JSON.stringify(themeIds)],
    );
    const coverIds = rows.flatMap((r) => (r.cover_id ? [r.cover_id] : []));
    const covers = new Map(coverIds.length ? (await em.find(Image, { id: { $in: coverIds } })).map((c) => [c.id, c]) : []);
    for (const row of rows) summaries.set(row.theme_id, { count: Number(row.count), cover: (row.cover_id && covers.get(row.cover_id)) || null });
    return summaries;
  }

  async lockThemeAndCount(themeId: string): Promise<{ exists: boolean; count: number; cover: Image | null }> {
    const em = contextEm(this.orm);
    const locked = await em.execute<{ id: string }[]>(`select id from themes where id = ? for update`, [themeId]);
    if (!locked.length) return { exists: false, count: 0, cover: null };
    const images = await this.listByTheme(themeId);
    return { exists: true, count: images.length, cover: images.find((i) => i.kind === 'cover') ?? null };
  }

  async insert(image: Image): Promise<void> {
    await contextEm(this.orm).insert(Image, { ...image });
  }

  async delete(id: string): Promise<void> {
    await contextEm(this.orm).nativeDelete(Image, { id });
  }

  async listOwnedBy(ownerId: string): Promise<Image[]> {
    const rows = await contextEm(this.orm).execute<{ id: string }[]>(
      `select i.id from images i left join themes t on t.id = i.theme_id where i.owner_id = ? or t.owner_id = ?`,
      [ownerId, ownerId],
    );
    return rows.length ? contextEm(this.orm).find(Image, { id: { $in: rows.map((r) => r.id) } }) : [];
  }
}
