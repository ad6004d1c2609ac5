import type { ThemeKey, ThemeOrder, ThemeQuery, ThemeRepo } from '../../../application/ports/theme-repo.ts';
import { NotFound, SlugTaken, VersionConflict } from '../../../domain/errors.ts';
import { hexToLab, squaredDistance } from '../../../domain/themes/color.ts';
import { Theme, type ThemeState } from '../../../domain/themes/theme.ts';
import { themeSearchWords } from '../search-words.ts';
import { compare } from '../sorting.ts';
import type { MemoryDatabase } from './memory-database.ts';

/** The keyset orders, as comparators; PostgreSQL's ORDER BY clauses mirror them. */
const ORDER: Record<ThemeOrder, (x: ThemeKey, y: ThemeKey) => number> = {
  newest: (x, y) => y.createdAt.getTime() - x.createdAt.getTime() || compare(y.id, x.id),
  oldest: (x, y) => x.createdAt.getTime() - y.createdAt.getTime() || compare(x.id, y.id),
  name: (x, y) => compare(x.name.toLowerCase(), y.name.toLowerCase()) || compare(x.id, y.id),
  mostFavorited: (x, y) => y.favoriteCount - x.favoriteCount || y.createdAt.getTime() - x.createdAt.getTime() || compare(y.id, x.id),
};

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

  async findManyByIds(ids: string[]): Promise<Theme[]> {
    return ids.flatMap((id) => this.rows.get(id) ?? []).map(Theme.restore);
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

  deleteAllOfOwner(ownerId: string): Promise<string[]> {
    return this.db.write(() => this.db.delete('themes', (t) => t.ownerId === ownerId).map((t) => t.id));
  }

  async search(query: ThemeQuery): Promise<Theme[]> {
    const order = ORDER[query.order];
    const near = query.near && { color: query.near.color, squared: query.near.distance * query.near.distance };
    return this.rows
      .filter(
        (t) =>
          (t.status === 'published' || (query.draftsOf !== undefined && t.ownerId === query.draftsOf)) &&
          (query.ownerId === undefined || t.ownerId === query.ownerId) &&
          (query.categoryId === undefined || t.categoryId === query.categoryId) &&
          (query.tag === undefined || t.tags.includes(query.tag)) &&
          (near === undefined || t.colors.some((c) => squaredDistance(hexToLab(c.hex), near.color) <= near.squared)) &&
          matchesWords(t, query.words) &&
          (query.after === undefined || order(t, query.after) > 0),
      )
      .sort(order)
      .slice(0, query.limit)
      .map(Theme.restore);
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

function matchesWords(theme: Readonly<ThemeState>, words: string[]): boolean {
  if (!words.length) return true;
  const own = themeSearchWords(theme);
  return words.every((word) => own.some((w) => w.startsWith(word)));
}
