import type { ImageRepo, ThemeImageSummary } from '../../../application/ports/image-repo.ts';
import { Image } from '../../../domain/images/image.ts';
import { contextEm, isUuid, type Orm } from './orm.ts';
import { ImageSchema } from './schemas/image.ts';

export class MikroOrmImageRepo implements ImageRepo {
  constructor(private readonly orm: Orm) {}

  async findById(id: string): Promise<Image | null> {
    const row = isUuid(id) ? await contextEm(this.orm).findOne(ImageSchema, { id }) : null;
    return row && Image.restore(row);
  }

  async listByTheme(themeId: string): Promise<Image[]> {
    return (await contextEm(this.orm).find(ImageSchema, { themeId }, { orderBy: { createdAt: 'asc', id: 'asc' } })).map(Image.restore);
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
    const covers = new Map((await this.findMany(coverIds)).map((c) => [c.id, c]));
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
    await contextEm(this.orm).insert(ImageSchema, image.toState());
  }

  async delete(id: string): Promise<void> {
    await contextEm(this.orm).nativeDelete(ImageSchema, { id });
  }

  async listOwnedBy(ownerId: string): Promise<Image[]> {
    const rows = await contextEm(this.orm).execute<{ id: string }[]>(
      `select i.id from images i left join themes t on t.id = i.theme_id where i.owner_id = ? or t.owner_id = ?`,
      [ownerId, ownerId],
    );
    return this.findMany(rows.map((r) => r.id));
  }

  private async findMany(ids: string[]): Promise<Image[]> {
    return ids.length ? (await contextEm(this.orm).find(ImageSchema, { id: { $in: ids } })).map(Image.restore) : [];
  }
}
