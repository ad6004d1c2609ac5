import type { ChangeEvent } from './event-log.ts';

export type FeedSubscriber = {
  /**
   * Committed events, each once, in id order, called as soon as they are known. Synchronous: what
   * a subscriber does here is done before the feed goes on (a cache evicts before any read resumes).
   */
  events(events: readonly ChangeEvent[]): void;
  /**
   * Delivery was interrupted (the feed lost its source): events may be committing unseen. A cache
   * that cannot prove what it missed flushes itself. Once the feed is back, it catches up from the
   * log, delivering the missed events in order, then `upToDate()` holds again.
   */
  interrupted(): void;
};

/**
 * Committed events, pushed to subscribers in this process, from every instance on the same
 * database. After a use-case's transaction commits and before the use-case returns, its events
 * have reached this instance's subscribers (when the feed is up to date).
 */
export interface ChangeFeed {
  /** Returns a function that ends the subscription. */
  subscribe(subscriber: FeedSubscriber): () => void;
  /**
   * True while every event known to have committed has reached the subscribers: false from the
   * moment the feed hears of a commit it has not delivered yet, and while it is cut off. What a
   * cache holds may be served only while this is true.
   */
  upToDate(): boolean;
}
