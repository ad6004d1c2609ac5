import { LRUCache } from 'lru-cache';
import type { ChangeFeed } from '../../application/ports/change-feed.ts';
import type { EventType } from '../../application/ports/event-log.ts';
import type { UserAccess, UserAccessReader } from '../../application/ports/user-access.ts';

/** The changes after which a user's status, role, session generation or revoked sessions may differ. */
const ACCESS_CHANGES: ReadonlySet<EventType> = new Set([
  'user.role_changed',
  'user.status_changed',
  'user.password_changed',
  'user.logged_out_all',
  'user.session_revoked',
  'auth.refresh_reused',
  'user.deleted',
]);

/**
 * UserAccess from memory while nothing about the user changed, so verifying an access token costs
 * no query. Exact across instances: the change feed evicts a user (synchronously, as the event
 * arrives) on the changes above, and nothing is served or stored while the feed is behind or cut
 * off (then it is flushed whole). A read that raced with an eviction is not stored.
 */
export class CachedUserAccess implements UserAccessReader {
  private readonly cache: LRUCache<string, UserAccess>;
  private generation = 0;
  private subscribed = false;

  constructor(
    private readonly source: UserAccessReader,
    private readonly feed: ChangeFeed,
    max = 50_000,
  ) {
    this.cache = new LRUCache({ max });
  }

  /** Listens from the first read on (nothing is cached before it), so building the binding touches no feed. */
  private listen(): void {
    if (this.subscribed) return;
    this.subscribed = true;
    this.feed.subscribe({
      events: (events) => {
        for (const event of events)
          if (ACCESS_CHANGES.has(event.type) && event.subject.userId) {
            this.cache.delete(event.subject.userId);
            this.generation++;
          }
      },
      interrupted: () => {
        this.cache.clear();
        this.generation++;
      },
    });
  }

  /**
   * A cached answer was read with an earlier `revokedSince`, so it names every session revoked since
   * this one's too: the later revocations evicted it.
   */
  async find(userId: string, revokedSince: Date): Promise<UserAccess | null> {
    this.listen();
    if (!this.feed.upToDate()) return this.source.find(userId, revokedSince);
    const cached = this.cache.get(userId);
    if (cached) return cached;
    const generation = this.generation;
    const access = await this.source.find(userId, revokedSince);
    if (access && generation === this.generation && this.feed.upToDate()) this.cache.set(userId, access);
    return access;
  }
}
