import type { ChangeFeed } from '../../application/ports/change-feed.ts';
import type { EventType } from '../../application/ports/event-log.ts';
import type { UserAccess, UserAccessReader } from '../../application/ports/user-access.ts';
import { PerUserFeedCache } from './per-user-feed-cache.ts';

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
 * no query. Exact across instances: the change feed evicts a user on the changes above
 * (PerUserFeedCache says how).
 */
export class CachedUserAccess implements UserAccessReader {
  private readonly cache: PerUserFeedCache<UserAccess>;

  constructor(
    private readonly source: UserAccessReader,
    feed: ChangeFeed,
    max = 50_000,
  ) {
    this.cache = new PerUserFeedCache(feed, max, (event) => (ACCESS_CHANGES.has(event.type) ? event.subject.userId : null));
  }

  /**
   * A cached answer was read with an earlier `revokedSince`, so it names every session revoked since
   * this one's too: the later revocations evicted it.
   */
  async find(userId: string, revokedSince: Date): Promise<UserAccess | null> {
    if (!this.cache.usable()) return this.source.find(userId, revokedSince);
    return this.cache.get(userId) ?? this.cache.load(userId, () => this.source.find(userId, revokedSince), (access) => access);
  }
}
