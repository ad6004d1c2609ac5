import type { Image } from '../../domain/images/image.ts';

export type ThemeImageSummary = { cover: Image | null; count: number };

export interface ImageRepo {
  findById(id: string): Promise<Image | null>;
  listByTheme(themeId: string): Promise<Image[]>;
  /** Covers and counts of many themes in one query. */
  summariesOf(themeIds: string[]): Promise<Map<string, ThemeImageSummary>>;
  /**
   * Locks the theme against concurrent uploads and deletion until the transaction ends, then counts
   * its images: the image limit holds even when uploads race. False when the theme is gone.
   */
  lockThemeAndCount(themeId: string): Promise<{ exists: boolean; count: number; cover: Image | null }>;
  insert(image: Image): Promise<void>;
  delete(id: string): Promise<void>;
  /** Every image a user owns: their avatars and the images of their themes. */
  listOwnedBy(ownerId: string): Promise<Image[]>;
}
