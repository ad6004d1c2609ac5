import type { Theme } from '../../domain/themes/theme.ts';

export interface ThemeRepo {
  findById(id: string): Promise<Theme | null>;
  findBySlug(slug: string): Promise<Theme | null>;
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
  /** Removes every theme of an owner; returns them as they were. */
  deleteAllOfOwner(ownerId: string): Promise<Theme[]>;
  countInCategory(categoryId: string): Promise<number>;
  /** Adds `delta` to the favourite counts atomically (no read-modify-write). */
  adjustFavoriteCounts(themeIds: string[], delta: number): Promise<void>;
}
