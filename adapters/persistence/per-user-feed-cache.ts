import { LRUCache } from 'lru-cache';
import type { ChangeFeed } from '../../application/ports/change-feed.ts';
import type { ChangeEvent } from '../../application/ports/event-log.ts';

/**
 * Values kept per user and kept exact across instances by the change feed: a user's value is
 * evicted (synchronously, as the event arrives) when `concerns` names them; nothing is served or
 * stored while the feed is behind or cut off (then everything is flushed); a value read while an
 * eviction happened is not stored. Listens from the first use on, so building a binding touches no feed.
 */
export class PerUserFeedCache<V extends object> {
  private readonly values: LRUCache<string, V>;
  private generation = 0;
  private subscribed = false;

  constructor(
    private readonly feed: ChangeFeed,
    max: number,
    /** The user whose value `event` may change, if any. */
    private readonly concerns: (event: ChangeEvent) => string | null | undefined,
  ) {
    this.values = new LRUCache({ max });
  }

  /** The user's value, or undefined when unknown or when the feed cannot vouch for it now. */
  get(userId: string): V | undefined {
    return this.usable() ? this.values.get(userId) : undefined;
  }

  /** Whether values may be served and stored now (the feed is up to date). */
  usable(): boolean {
    this.listen();
    return this.feed.upToDate();
  }

  /** Reads `userId`'s value from `read` and stores it, unless an eviction or an interruption came meanwhile. */
  async load<R>(userId: string, read: () => Promise<R>, toStore: (read: R) => V | null): Promise<R> {
    const generation = this.generation;
    const value = await read();
    const stored = toStore(value);
    if (stored && generation === this.generation && this.feed.upToDate()) this.values.set(userId, stored);
    return value;
  }

  private listen(): void {
    if (this.subscribed) return;
    this.subscribed = true;
    this.feed.subscribe({
      events: (events) => {
        for (const event of events) {
          const userId = this.concerns(event);
          if (!userId) continue;
          this.values.delete(userId);
          this.generation++;
        }
      },
      interrupted: () => {
        this.values.clear();
        this.generation++;
      },
    });
  }
}
