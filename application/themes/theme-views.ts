import { swatchCardSize } from '../../domain/themes/export.ts';
import type { Theme } from '../../domain/themes/theme.ts';
import type { Actor } from '../actor.ts';
import type { CategoryRepo } from '../ports/category-repo.ts';
import type { FavoriteRepo } from '../ports/favorite-repo.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { UserRepo } from '../ports/user-repo.ts';

export type ImageRefData = { id: string; width: number; height: number };

/** A theme's cover: the image uploaded as its cover or, without one, its generated swatch card (the preview). */
export type CoverRef = ({ kind: 'image' } & ImageRefData) | { kind: 'preview'; themeId: string; width: number; height: number };

/** A theme as readers see it: with its owner, category, the caller's favourite flag and its images. */
export type ThemeView = {
  theme: Theme;
  owner: { id: string; username: string; displayName: string };
  category: { id: string; slug: string; name: string } | null;
  favorited: boolean;
  cover: CoverRef;
  imageCount: number;
};

/**
 * Assembles views for a list of themes in a fixed number of queries, whatever its length: one each
 * for owners, categories, the caller's favourites, and covers with image counts.
 */
export class ThemeViews {
  constructor(
    private readonly users: UserRepo,
    private readonly categories: CategoryRepo,
    private readonly favorites: FavoriteRepo,
    private readonly images: ImageRepo,
  ) {}

  async one(theme: Theme, actor: Actor): Promise<ThemeView> {
    const [view] = await this.of([theme], actor);
    return view!;
  }

  async of(themes: Theme[], actor: Actor): Promise<ThemeView[]> {
    if (!themes.length) return [];
    const ids = themes.map((t) => t.id);
    const [owners, categories, favorited, images] = await Promise.all([
      this.users.findManyByIds([...new Set(themes.map((t) => t.ownerId))]),
      this.categories.findManyByIds([...new Set(themes.flatMap((t) => (t.categoryId ? [t.categoryId] : [])))]),
      actor.kind === 'user' ? this.favorites.favoritedAmong(actor.userId, ids) : Promise.resolve(new Set<string>()),
      this.images.summariesOf(ids),
    ]);
    const ownerById = new Map(owners.map((u) => [u.id, u]));
    const categoryById = new Map(categories.map((c) => [c.id, c]));
    return themes.map((theme) => {
      const owner = ownerById.get(theme.ownerId);
      const category = theme.categoryId ? categoryById.get(theme.categoryId) : undefined;
      const summary = images.get(theme.id);
      const cover = summary?.cover;
      return {
        theme,
        owner: { id: theme.ownerId, username: owner?.username ?? '', displayName: owner?.displayName ?? '' },
        category: category ? { id: category.id, slug: category.slug, name: category.name } : null,
        favorited: favorited.has(theme.id),
        cover: cover ? { kind: 'image', id: cover.id, width: cover.width, height: cover.height } : { kind: 'preview', themeId: theme.id, ...swatchCardSize(theme) },
        imageCount: summary?.count ?? 0,
      };
    });
  }
}
