import { LRUCache } from 'lru-cache';
import type { ChangeFeed } from '../../application/ports/change-feed.ts';
import type { FavoritesLookup } from '../../application/ports/favorites-lookup.ts';

/** Flags kept per user at most; past that a user's are forgotten and learnt again. */
const MAX_FLAGS_PER_USER = 2000;

/**
 * Favourite flags learnt per user (favourited or not, theme by theme), so that a signed-in reader
 * of a cached page costs no query once their flags for it are known. Exact across instances: a
 * user's flags are forgotten as soon as the feed tells of a favourite they added or removed, or of
 * their account's end; nothing is served or kept while the feed is behind or cut off, nor learnt
 * from a read that raced with a change.
 */
export class CachedFavorites implements FavoritesLookup {
  private readonly users: LRUCache<string, Map<string, boolean>>;
  private generation = 0;
  private subscribed = false;

  constructor(
    private readonly source: FavoritesLookup,
    private readonly feed: ChangeFeed,
    maxUsers = 20_000,
  ) {
    this.users = new LRUCache({ max: maxUsers });
  }

  /** Listens from the first lookup on (nothing is cached before it), so building the binding touches no feed. */
  private listen(): void {
    if (this.subscribed) return;
    this.subscribed = true;
    this.feed.subscribe({
      events: (events) => {
        for (const event of events) {
          const userId = event.type === 'favorite.added' || event.type === 'favorite.removed' ? event.actorId : event.type === 'user.deleted' ? event.subject.userId : null;
          if (!userId) continue;
          this.users.delete(userId);
          this.generation++;
        }
      },
      interrupted: () => {
        this.users.clear();
        this.generation++;
      },
    });
  }

  async favoritedAmong(userId: string, themeIds: readonly string[]): Promise<Set<string>> {
    this.listen();
    if (!this.feed.upToDate()) return this.source.favoritedAmong(userId, themeIds);
    const known = this.users.get(userId) ?? new Map<string, boolean>();
    const unknown = themeIds.filter((id) => !known.has(id));
    if (unknown.length) {
      const generation = this.generation;
      const favorited = await this.source.favoritedAmong(userId, unknown);
      if (generation === this.generation && this.feed.upToDate()) {
        if (known.size + unknown.length > MAX_FLAGS_PER_USER) known.clear();
        for (const id of unknown) known.set(id, favorited.has(id));
        this.users.set(userId, known);
      } else {
        return new Set([...themeIds.filter((id) => known.get(id)), ...favorited]);
      }
    }
    return new Set(themeIds.filter((id) => known.get(id)));
  }
}
