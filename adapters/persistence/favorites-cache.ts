import type { ChangeFeed } from '../../application/ports/change-feed.ts';
import type { FavoritesLookup } from '../../application/ports/favorites-lookup.ts';
import { PerUserFeedCache } from './per-user-feed-cache.ts';

/** Flags kept per user at most; past that a user's are forgotten and learnt again. */
const MAX_FLAGS_PER_USER = 2000;

/**
 * Favourite flags learnt per user (favourited or not, theme by theme), so that a signed-in reader
 * of a cached page costs no query once their flags for it are known. Exact across instances: a
 * user's flags are forgotten as soon as the feed tells of a favourite they added or removed, or of
 * their account's end (PerUserFeedCache says how).
 */
export class CachedFavorites implements FavoritesLookup {
  private readonly users: PerUserFeedCache<Map<string, boolean>>;

  constructor(
    private readonly source: FavoritesLookup,
    feed: ChangeFeed,
    maxUsers = 20_000,
  ) {
    this.users = new PerUserFeedCache(feed, maxUsers, (event) =>
      event.type === 'favorite.added' || event.type === 'favorite.removed' ? event.actorId : event.type === 'user.deleted' ? event.subject.userId : null,
    );
  }

  async favoritedAmong(userId: string, themeIds: readonly string[]): Promise<Set<string>> {
    if (!this.users.usable()) return this.source.favoritedAmong(userId, themeIds);
    const known = this.users.get(userId) ?? new Map<string, boolean>();
    const unknown = themeIds.filter((id) => !known.has(id));
    if (!unknown.length) return new Set(themeIds.filter((id) => known.get(id)));
    const favorited = await this.users.load(
      userId,
      () => this.source.favoritedAmong(userId, unknown),
      (found) => {
        const learnt = known.size + unknown.length > MAX_FLAGS_PER_USER ? new Map<string, boolean>() : new Map(known);
        for (const id of unknown) learnt.set(id, found.has(id));
        return learnt;
      },
    );
    return new Set([...themeIds.filter((id) => known.get(id)), ...favorited]);
  }
}
