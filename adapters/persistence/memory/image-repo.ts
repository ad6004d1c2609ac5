import type { ImageRepo, ThemeImageSummary } from '../../../application/ports/image-repo.ts';
import type { Image } from '../../../domain/images/image.ts';
import type { Theme } from '../../../domain/themes/theme.ts';
import { copyOf, type MemoryDb } from './memory-db.ts';

export class InMemoryImageRepo implements ImageRepo {
  constructor(private readonly db: MemoryDb) {}

  private get rows(): Map<string, Image> {
    return this.db.table<Image>('images');
  }

  async findById(id: string): Promise<Image | null> {
    return copyOf(this.rows.get(id) ?? null);
  }

  async listByTheme(themeId: string): Promise<Image[]> {
    return this.ofThemes([themeId]).map(copyOf);
  }

  async summariesOf(themeIds: string[]): Promise<Map<string, ThemeImageSummary>> {
    const summaries = new Map<string, ThemeImageSummary>();
    for (const image of this.ofThemes(themeIds)) {
      const summary = summaries.get(image.themeId!) ?? { cover: null, count: 0 };
      summary.count += 1;
      if (image.kind === 'cover') summary.cover = copyOf(image);
      summaries.set(image.themeId!, summary);
    }
    return summaries;
  }

  async lockThemeAndCount(themeId: string): Promise<{ exists: boolean; count: number; cover: Image | null }> {
    // Memory transactions run one at a time: the lock is implicit.
    const images = this.ofThemes([themeId]);
    return {
      exists: this.db.table<Theme>('themes').has(themeId),
      count: images.length,
      cover: copyOf(images.find((i) => i.kind === 'cover') ?? null),
    };
  }

  insert(image: Image): Promise<void> {
    return this.db.write(() => void this.rows.set(image.id, copyOf(image)));
  }

  delete(id: string): Promise<void> {
    return this.db.write(() => void this.rows.delete(id));
  }

  async listOwnedBy(ownerId: string): Promise<Image[]> {
    const themes = this.db.table<Theme>('themes');
    return [...this.rows.values()].filter((i) => i.ownerId === ownerId || (i.themeId && themes.get(i.themeId)?.ownerId === ownerId)).map(copyOf);
  }

  private ofThemes(themeIds: string[]): Image[] {
    return [...this.rows.values()]
      .filter((i) => i.themeId !== null && themeIds.includes(i.themeId))
      .sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : 1));
  }
}
