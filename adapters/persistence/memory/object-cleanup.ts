import type { ObjectCleanup } from '../../../application/ports/object-cleanup.ts';
import type { MemoryDb } from './memory-db.ts';

export class InMemoryObjectCleanup implements ObjectCleanup {
  constructor(private readonly db: MemoryDb) {}

  private get rows(): Map<string, Date> {
    return this.db.table<Date>('object_deletions');
  }

  schedule(keys: string[], dueAt: Date): Promise<void> {
    return this.db.write(() => {
      for (const key of keys) {
        const scheduled = this.rows.get(key);
        this.rows.set(key, new Date(scheduled && scheduled < dueAt ? scheduled : dueAt));
      }
    });
  }

  cancel(keys: string[]): Promise<void> {
    return this.db.write(() => {
      for (const key of keys) this.rows.delete(key);
    });
  }

  async due(now: Date, limit: number): Promise<string[]> {
    return [...this.rows]
      .filter(([, dueAt]) => dueAt <= now)
      .sort(([, x], [, y]) => x.getTime() - y.getTime())
      .slice(0, limit)
      .map(([key]) => key);
  }

  done(keys: string[]): Promise<void> {
    return this.cancel(keys);
  }
}
