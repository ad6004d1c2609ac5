export interface FavoriteRepo {
  /** True when it was not a favourite before (idempotent under concurrency). */
  add(userId: string, themeId: string, at: Date): Promise<boolean>;
  /** True when it was a favourite before. */
  remove(userId: string, themeId: string): Promise<boolean>;
  /** Removes every favourite of a user; returns the themes they were on. */
  removeAllOf(userId: string): Promise<string[]>;
}
