import type { Actor } from '../actor.ts';
import type { FavoritesLookup } from '../ports/favorites-lookup.ts';
import { viewerIdOf } from './theme-access.ts';

/**
 * Which of these themes the actor favourited: what a page shared by every reader (a cached one)
 * lacks to become this reader's. None for anonymous readers, without asking.
 */
export class FavoriteFlags {
  constructor(private readonly favorites: FavoritesLookup) {}

  async execute(actor: Actor, themeIds: readonly string[]): Promise<Set<string>> {
    const userId = viewerIdOf(actor);
    if (!userId || !themeIds.length) return new Set();
    return this.favorites.favoritedAmong(userId, themeIds);
  }
}
