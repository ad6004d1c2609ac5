import type { ChangeFeed, FeedSubscriber } from '../../../application/ports/change-feed.ts';
import type { MemoryDatabase } from './memory-database.ts';

/**
 * The change feed of the memory profile (one instance): each committed transaction's events go to
 * the subscribers synchronously, before the use-case that wrote them returns. Never interrupted.
 */
export class InMemoryChangeFeed implements ChangeFeed {
  constructor(
    private readonly db: MemoryDatabase,
    private readonly onError: (error: unknown, context: string) => void = () => undefined,
  ) {}

  subscribe(subscriber: FeedSubscriber): () => void {
    return this.db.onCommit((events) => {
      try {
        subscriber.events(events);
      } catch (error) {
        this.onError(error, 'a change feed subscriber');
      }
    });
  }

  upToDate(): boolean {
    return true;
  }
}
