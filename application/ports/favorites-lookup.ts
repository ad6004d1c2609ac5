/** Which themes a user favourited, among some: what a shared page lacks to become that user's. */
export interface FavoritesLookup {
  favoritedAmong(userId: string, themeIds: readonly string[]): Promise<Set<string>>;
}
