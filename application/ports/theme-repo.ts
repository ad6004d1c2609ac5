import type { Lab } from '../../domain/themes/color.ts';
import type { Theme } from '../../domain/themes/theme.ts';

/**
 * The orders of a theme list: newest or oldest first, by name (case-insensitive), or most
 * favourited first (newest first among equals). Ties are broken by id, so pages never overlap.
 */
export type ThemeOrder = 'newest' | 'oldest' | 'name' | 'mostFavorited';

/** A position in an ordered list: the keys of the last theme of the previous page. */
export type ThemeKey = { createdAt: Date; name: string; favoriteCount: number; id: string };

export type ThemeQuery = {
  /** Every word must start a word of the name, the description or a tag (case-insensitive). */
  words: string[];
  categoryId?: string | undefined;
  tag?: string | undefined;
  ownerId?: string | undefined;
  /** Drafts are listed only for this owner (the caller's own); otherwise published themes only. */
  draftsOf?: string | undefined;
  /** A palette colour within `distance` (CIE76 ΔE) of `color`. */
  near?: { color: Lab; distance: number } | undefined;
  order: ThemeOrder;
  after?: ThemeKey | undefined;
  limit: number;
};

export interface ThemeRepo {
  findById(id: string): Promise<Theme | null>;
  findBySlug(slug: string): Promise<Theme | null>;
  findManyByIds(ids: string[]): Promise<Theme[]>;
  /** The slugs taken among `base` and `base-N`. */
  slugsLike(base: string): Promise<Set<string>>;
  /** Throws SlugTaken if the slug was taken meanwhile. */
  insert(theme: Theme): Promise<void>;
  /**
   * Writes a changed theme only if the stored version is still `loadedVersion` (one conditional
   * write, so of two concurrent updates exactly one wins); otherwise throws VersionConflict.
   */
  update(theme: Theme, loadedVersion: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** Removes every theme of an owner; returns their ids. */
  deleteAllOfOwner(ownerId: string): Promise<string[]>;
  search(query: ThemeQuery): Promise<Theme[]>;
  countInCategory(categoryId: string): Promise<number>;
  /** Adds `delta` to the favourite counts atomically (no read-modify-write). */
  adjustFavoriteCounts(themeIds: string[], delta: number): Promise<void>;
}
