import type { CatalogQuery, FavoritePosition, FavoriteView, ThemeCatalog, ThemeKey, ThemeOrder, ThemeView } from '../../../application/ports/theme-catalog.ts';
import { levelsReaching } from '../../../domain/color/contrast.ts';
import { hexToLab, squaredDistance } from '../../../domain/themes/color.ts';
import { isVisibleTo, type ThemeState, type Viewer } from '../../../domain/themes/theme.ts';
import { coverOf } from '../cover.ts';
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

const newestFavoriteFirst = (x: FavoritePosition, y: FavoritePosition) => y.at.getTime() - x.at.getTime() || compare(y.themeId, x.themeId);

/** The read model on the memory tables: the same views and orders as the PostgreSQL statement. */
export class InMemoryThemeCatalog implements ThemeCatalog {
  constructor(private readonly db: MemoryDatabase) {}

  async search(query: CatalogQuery): Promise<ThemeView[]> {
    const { tables } = this.db;
    const order = ORDER[query.order];
    const near = query.near && { color: query.near.color, squared: query.near.distance * query.near.distance };
    const levels = query.minimumLevel && levelsReaching(query.minimumLevel);
    const categoryId = query.categorySlug === undefined ? undefined : tables.categories.find((c) => c.slug === query.categorySlug)?.id;
    const ownerId = query.ownerUsername === undefined ? undefined : tables.users.find((u) => u.username === query.ownerUsername)?.id;
    // A slug or a username that names nothing matches nothing.
    if ((query.categorySlug !== undefined && !categoryId) || (query.ownerUsername !== undefined && !ownerId)) return [];
    return tables.themes
      .filter(
        (t) =>
          (t.status === 'published' || (query.draftsOf !== undefined && t.ownerId === query.draftsOf)) &&
          (query.ownerId === undefined || t.ownerId === query.ownerId) &&
          (ownerId === undefined || t.ownerId === ownerId) &&
          (categoryId === undefined || t.categoryId === categoryId) &&
          (query.tag === undefined || t.tags.includes(query.tag)) &&
          (near === undefined || t.colors.some((c) => squaredDistance(hexToLab(c.hex), near.color) <= near.squared)) &&
          (levels === undefined || (t.accessibility.level !== null && levels.includes(t.accessibility.level))) &&
          (query.cvdSafe === undefined || t.accessibility.cvdSafe === query.cvdSafe) &&
          (query.colorCount === undefined || t.colors.length === query.colorCount) &&
          matchesWords(t, query.words) &&
          (query.after === undefined || order(t, query.after) > 0),
      )
      .sort(order)
      .slice(0, query.limit)
      .map((theme) => this.view(theme, query.viewerId));
  }

  async find(ref: { id: string } | { slug: string }, viewerId?: string): Promise<ThemeView | null> {
    const theme = 'id' in ref ? this.db.tables.themes.get(ref.id) : this.db.tables.themes.find((t) => t.slug === ref.slug);
    return theme ? this.view(theme, viewerId) : null;
  }

  async findMany(ids: readonly string[], viewerId?: string): Promise<ThemeView[]> {
    return ids.flatMap((id) => this.db.tables.themes.get(id) ?? []).map((theme) => this.view(theme, viewerId));
  }

  async favoritesOf(viewer: Viewer & { userId: string }, page: { after?: FavoritePosition | undefined; limit: number }): Promise<FavoriteView[]> {
    const { tables } = this.db;
    return tables.favorites
      .filter((f) => f.userId === viewer.userId && (!page.after || newestFavoriteFirst(f, page.after) > 0))
      .sort(newestFavoriteFirst)
      .flatMap((f) => {
        const theme = tables.themes.get(f.themeId);
        return theme && isVisibleTo(theme, viewer) ? [{ ...this.view(theme, viewer.userId), favoritedAt: f.at }] : [];
      })
      .slice(0, page.limit);
  }

  async favoritedAmong(userId: string, themeIds: readonly string[]): Promise<Set<string>> {
    return new Set(themeIds.filter((id) => this.db.tables.favorites.has(`${userId}/${id}`)));
  }

  private view(theme: ThemeState, viewerId: string | undefined): ThemeView {
    const { tables } = this.db;
    const owner = tables.users.get(theme.ownerId);
    const category = theme.categoryId ? tables.categories.get(theme.categoryId) : undefined;
    const images = tables.images.filter((i) => i.themeId === theme.id);
    const cover = images.find((i) => i.kind === 'cover');
    return {
      theme,
      owner: { id: theme.ownerId, username: owner?.username ?? '', displayName: owner?.displayName ?? '' },
      category: category ? { id: category.id, slug: category.slug, name: category.name } : null,
      cover: coverOf(theme, cover ? { id: cover.id, width: cover.width, height: cover.height } : null),
      imageCount: images.length,
      favorited: viewerId !== undefined && tables.favorites.has(`${viewerId}/${theme.id}`),
    };
  }
}

function matchesWords(theme: Readonly<ThemeState>, words: string[]): boolean {
  if (!words.length) return true;
  const own = themeSearchWords(theme);
  return words.every((word) => own.some((w) => w.startsWith(word)));
}
