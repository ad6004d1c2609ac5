import type { ImageRepo, ThemeImageSummary } from '../../../application/ports/image-repo.ts';
import { Image, type ImageState } from '../../../domain/images/image.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class InMemoryImageRepo implements ImageRepo {
  constructor(private readonly db: MemoryDatabase) {}

  private get rows() {
    return this.db.tables.images;
  }

  async findById(id: string): Promise<Image | null> {
    const row = this.rows.get(id);
    return row ? Image.restore(row) : null;
  }

  async listByTheme(themeId: string): Promise<Image[]> {
    return this.ofThemes([themeId]).map(Image.restore);
  }

  async summariesOf(themeIds: string[]): Promise<Map<string, ThemeImageSummary>> {
    const summaries = new Map<string, ThemeImageSummary>();
    for (const image of this.ofThemes(themeIds)) {
      const summary = summaries.get(image.themeId!) ?? { cover: null, count: 0 };
      summary.count += 1;
      if (image.kind === 'cover') summary.cover = Image.restore(image);
      summaries.set(image.themeId!, summary);
    }
    return summaries;
  }

  async lockThemeAndCount(themeId: string): Promise<{ exists: boolean; count: number; cover: Image | null }> {
    // Memory transactions run one at a time: the lock is implicit.
    const images = this.ofThemes([themeId]);
    const cover = images.find((i) => i.kind === 'cover');
    return { exists: this.db.tables.themes.has(themeId), count: images.length, cover: cover ? Image.restore(cover) : null };
  }

  insert(image: Image): Promise<void> {
    return this.db.write(() => this.rows.put(image.toState()));
  }

  delete(id: string): Promise<void> {
    return this.db.write(() => void this.db.delete('images', (i) => i.id === id));
  }

  async listOwnedBy(ownerId: string): Promise<Image[]> {
    const themes = new Set(this.db.tables.themes.filter((t) => t.ownerId === ownerId).map((t) => t.id));
    return this.rows.filter((i) => i.ownerId === ownerId || (i.themeId !== null && themes.has(i.themeId))).map(Image.restore);
  }

  private ofThemes(themeIds: string[]): ImageState[] {
    return this.rows
      .filter((i) => i.themeId !== null && themeIds.includes(i.themeId))
      .sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : 1));
  }
}
