import type { PassingLevel } from '../../domain/color/contrast.ts';
import type { Lab } from '../../domain/themes/color.ts';
import type { ThemeState, Viewer } from '../../domain/themes/theme.ts';
import type { FavoritesLookup } from './favorites-lookup.ts';

/**
 * The orders of a theme list: newest or oldest first, by name (case-insensitive), or most
 * favourited first (newest first among equals). Ties are broken by id, so pages never overlap.
 */
export type ThemeOrder = 'newest' | 'oldest' | 'name' | 'mostFavorited';

/** A position in an ordered list: the keys of the last theme of the previous page. */
export type ThemeKey = { createdAt: Date; name: string; favoriteCount: number; id: string };

/** An image as a theme view shows it (the cover): enough to link its content and thumbnail. */
export type ImageRefData = { id: string; width: number; height: number };

/** A theme's cover: the image uploaded as its cover or, without one, its generated swatch card (the preview). */
export type CoverRef = ({ kind: 'image' } & ImageRefData) | { kind: 'preview'; themeId: string; width: number; height: number };

/** A theme as readers see it: with its owner, category, cover, image count and the viewer's favourite flag. */
export type ThemeView = {
  theme: Readonly<ThemeState>;
  owner: { id: string; username: string; displayName: string };
  category: { id: string; slug: string; name: string } | null;
  cover: CoverRef;
  imageCount: number;
  /** Whether the viewer favourited it; false for anonymous readers. */
  favorited: boolean;
};

export type CatalogQuery = {
  /** Every word must start a word of the name, the description or a tag (case-insensitive). */
  words: string[];
  categorySlug?: string | undefined;
  tag?: string | undefined;
  ownerUsername?: string | undefined;
  ownerId?: string | undefined;
  /** Drafts are listed only for this owner (the caller's own); otherwise published themes only. */
  draftsOf?: string | undefined;
  /** A palette colour within `distance` (CIE76 ΔE) of `color`. */
  near?: { color: Lab; distance: number } | undefined;
  /** The accessibility summary's level reaches this one (AAA reaches AA); a palette without text and background roles has none. */
  minimumLevel?: PassingLevel | undefined;
  /** The summary's verdict on colour-vision deficiencies is this one. */
  cvdSafe?: boolean | undefined;
  /** The palette has exactly this many colours. */
  colorCount?: number | undefined;
  order: ThemeOrder;
  after?: ThemeKey | undefined;
  limit: number;
  /** Whose favourite flags the views carry; none for anonymous readers. */
  viewerId?: string | undefined;
};

export type FavoritePosition = { at: Date; themeId: string };
export type FavoriteView = ThemeView & { favoritedAt: Date };

/**
 * The read model of the catalogue: ready views for pages and details, each answered in one
 * statement on PostgreSQL (and from the memory adapter's own tables). Writes go through the
 * aggregates and their repositories; this port only reads.
 */
export interface ThemeCatalog extends FavoritesLookup {
  /** A page of themes in the query's order, after its position. */
  search(query: CatalogQuery): Promise<ThemeView[]>;
  /** One theme by id or slug, whatever its status (the caller decides who may see it). */
  find(ref: { id: string } | { slug: string }, viewerId?: string): Promise<ThemeView | null>;
  /** Themes by id, in the order given, whatever their status; ids that name nothing are left out. */
  findMany(ids: readonly string[], viewerId?: string): Promise<ThemeView[]>;
  /** A user's favourites they may still see, most recently favourited first, after `after`. */
  favoritesOf(viewer: Viewer & { userId: string }, page: { after?: FavoritePosition | undefined; limit: number }): Promise<FavoriteView[]>;
}
