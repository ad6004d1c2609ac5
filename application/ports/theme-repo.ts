import type { Lab } from '../../domain/themes/color.ts';
import type { Theme } from '../../domain/themes/theme.ts';

export const THEME_SORTS = ['-createdAt', 'createdAt', 'name', '-favorites'] as const;
export type ThemeSort = (typeof THEME_SORTS)[number];

/** A position in a sorted list: the sort keys of the last theme of the previous page. */
export type ThemeKey = { createdAt: Date; name: string; favoriteCount: number; id: string };

/** The colour search radius: CIE76 ΔE in CIELAB. */
export const COLOR_MATCH_DISTANCE = 12;

export type ThemeQuery = {
  /** Every word must start a word of the name, the description or a tag (case-insensitive). */
  words: string[];
  categoryId?: string | undefined;
  tag?: string | undefined;
  ownerId?: string | undefined;
  /** Drafts are listed only for this owner (the caller's own); otherwise published themes only. */
  draftsOf?: string | undefined;
  /** A palette colour within COLOR_MATCH_DISTANCE of this. */
  near?: Lab | undefined;
  sort: ThemeSort;
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
