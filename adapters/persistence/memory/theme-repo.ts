import type { ThemeKey, ThemeOrder, ThemeQuery, ThemeRepo } from '../../../application/ports/theme-repo.ts';
import { NotFound, SlugTaken, VersionConflict } from '../../../domain/errors.ts';
import { hexToLab, squaredDistance } from '../../../domain/themes/color.ts';
import type { Theme } from '../../../domain/themes/theme.ts';
import { themeSearchWords } from '../search-words.ts';
import { compare } from '../sorting.ts';
import { copyOf, type MemoryDb } from './memory-db.ts';

/** The keyset orders, as comparators; PostgreSQL's ORDER BY clauses mirror them. */
const ORDER: Record<ThemeOrder, (x: ThemeKey, y: ThemeKey) => number> = {
  newest: (x, y) => y.createdAt.getTime() - x.createdAt.getTime() || compare(y.id, x.id),
  oldest: (x, y) => x.createdAt.getTime() - y.createdAt.getTime() || compare(x.id, y.id),
  name: (x, y) => compare(x.name.toLowerCase(), y.name.toLowerCase()) || compare(x.id, y.id),
  mostFavorited: (x, y) => y.favoriteCount - x.favoriteCount || y.createdAt.getTime() - x.createdAt.getTime() || compare(y.id, x.id),
};

export class InMemoryThemeRepo implements ThemeRepo {
  constructor(private readonly db: MemoryDb) {}

  private get rows(): Map<string, Theme> {
    return this.db.table<Theme>('themes');
  }

  async findById(id: string): Promise<Theme | null> {
    return copyOf(this.rows.get(id) ?? null);
  }

  async findBySlug(slug: string): Promise<Theme | null> {
    return copyOf([...this.rows.values()].find((t) => t.slug === slug) ?? null);
  }

  async findManyByIds(ids: string[]): Promise<Theme[]> {
    return ids.flatMap((id) => (this.rows.has(id) ? [copyOf(this.rows.get(id)!)] : []));
  }

  async slugsLike(base: string): Promise<Set<string>> {
    const pattern = new RegExp(`^${base.replace(/[-]/g, '\\-')}(-\\d+)?$`);
    return new Set([...this.rows.values()].map((t) => t.slug).filter((slug) => pattern.test(slug)));
  }

  insert(theme: Theme): Promise<void> {
    return this.db.write(() => {
      this.requireFreeSlug(theme);
      this.rows.set(theme.id, copyOf(theme));
    });
  }

  update(theme: Theme, loadedVersion: number): Promise<void> {
    return this.db.write(() => {
      const stored = this.rows.get(theme.id);
      if (!stored) throw new NotFound('theme');
      if (stored.version !== loadedVersion) throw new VersionConflict(stored.version);
      this.requireFreeSlug(theme);
      // The favourite count is the store's own: concurrent favourites must not be overwritten.
      this.rows.set(theme.id, Object.assign(copyOf(theme), { favoriteCount: stored.favoriteCount }));
    });
  }

  delete(id: string): Promise<void> {
    return this.db.write(() => {
      this.rows.delete(id);
      this.dropDependentsOf([id]);
    });
  }

  deleteAllOfOwner(ownerId: string): Promise<string[]> {
    return this.db.write(() => {
      const ids = [...this.rows.values()].filter((t) => t.ownerId === ownerId).map((t) => t.id);
      for (const id of ids) this.rows.delete(id);
      this.dropDependentsOf(ids);
      return ids;
    });
  }

  async search(query: ThemeQuery): Promise<Theme[]> {
    const order = ORDER[query.order];
    const near = query.near && { color: query.near.color, squared: query.near.distance * query.near.distance };
    return [...this.rows.values()]
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
      .map(copyOf);
  }

  async countInCategory(categoryId: string): Promise<number> {
    return [...this.rows.values()].filter((t) => t.categoryId === categoryId).length;
  }

  adjustFavoriteCounts(themeIds: string[], delta: number): Promise<void> {
    return this.db.write(() => {
      for (const id of themeIds) {
        const theme = this.rows.get(id);
        if (theme) theme.favoriteCount = Math.max(0, theme.favoriteCount + delta);
      }
    });
  }

  private requireFreeSlug(theme: Theme): void {
    for (const other of this.rows.values()) if (other.slug === theme.slug && other.id !== theme.id) throw new SlugTaken();
  }

  /** Favourites and images go with their theme, as PostgreSQL's foreign keys cascade them. */
  private dropDependentsOf(themeIds: string[]): void {
    for (const name of ['favorites', 'images']) {
      const rows = this.db.table<{ themeId: string | null }>(name);
      for (const [key, row] of rows) if (row.themeId !== null && themeIds.includes(row.themeId)) rows.delete(key);
    }
  }
}

function matchesWords(theme: Theme, words: string[]): boolean {
  if (!words.length) return true;
  const own = themeSearchWords(theme);
  return words.every((word) => own.some((w) => w.startsWith(word)));
}
