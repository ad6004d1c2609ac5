import type { ThemeRepo } from '../../../application/ports/theme-repo.ts';
import { NotFound, SlugTaken, VersionConflict } from '../../../domain/errors.ts';
import { Theme, type ThemeState } from '../../../domain/themes/theme.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class InMemoryThemeRepo implements ThemeRepo {
  constructor(private readonly db: MemoryDatabase) {}

  private get rows() {
    return this.db.tables.themes;
  }

  async findById(id: string): Promise<Theme | null> {
    const row = this.rows.get(id);
    return row ? Theme.restore(row) : null;
  }

  async findBySlug(slug: string): Promise<Theme | null> {
    const row = this.rows.find((t) => t.slug === slug);
    return row ? Theme.restore(row) : null;
  }

  async slugsLike(base: string): Promise<Set<string>> {
    const pattern = new RegExp(`^${base.replace(/[-]/g, '\\-')}(-\\d+)?$`);
    return new Set(this.rows.filter((t) => pattern.test(t.slug)).map((t) => t.slug));
  }

  insert(theme: Theme): Promise<void> {
    return this.db.write(() => {
      const state = theme.toState();
      this.requireFreeSlug(state);
      this.rows.put(state);
    });
  }

  update(theme: Theme, loadedVersion: number): Promise<void> {
    return this.db.write(() => {
      const state = theme.toState();
      const stored = this.rows.get(state.id);
      if (!stored) throw new NotFound('theme');
      if (stored.version !== loadedVersion) throw new VersionConflict(stored.version);
      this.requireFreeSlug(state);
      // The favourite count is the store's own: concurrent favourites must not be overwritten.
      this.rows.put({ ...state, favoriteCount: stored.favoriteCount });
    });
  }

  /** Its favourites and images go too (the database's relations). */
  delete(id: string): Promise<void> {
    return this.db.write(() => void this.db.delete('themes', (t) => t.id === id));
  }

  deleteAllOfOwner(ownerId: string): Promise<Theme[]> {
    return this.db.write(() => this.db.delete('themes', (t) => t.ownerId === ownerId).map(Theme.restore));
  }

  async countInCategory(categoryId: string): Promise<number> {
    return this.rows.filter((t) => t.categoryId === categoryId).length;
  }

  adjustFavoriteCounts(themeIds: string[], delta: number): Promise<void> {
    return this.db.write(() => {
      for (const theme of this.rows.filter((t) => themeIds.includes(t.id)))
        this.rows.put({ ...theme, favoriteCount: Math.max(0, theme.favoriteCount + delta) });
    });
  }

  private requireFreeSlug(theme: ThemeState): void {
    if (this.rows.find((other) => other.slug === theme.slug && other.id !== theme.id)) throw new SlugTaken();
  }
}
