import type { ObjectCleanup } from '../../../application/ports/object-cleanup.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class InMemoryObjectCleanup implements ObjectCleanup {
  constructor(private readonly db: MemoryDatabase) {}

  private get rows() {
    return this.db.tables.objectDeletions;
  }

  schedule(keys: string[], dueAt: Date): Promise<void> {
    return this.db.write(() => {
      for (const key of keys) {
        const scheduled = this.rows.get(key)?.dueAt;
        this.rows.put({ key, dueAt: scheduled && scheduled < dueAt ? scheduled : dueAt });
      }
    });
  }

  cancel(keys: string[]): Promise<void> {
    return this.db.write(() => void this.db.delete('objectDeletions', (d) => keys.includes(d.key)));
  }

  async due(now: Date, limit: number): Promise<string[]> {
    return this.rows
      .filter((d) => d.dueAt <= now)
      .sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime())
      .slice(0, limit)
      .map((d) => d.key);
  }

  async countDue(now: Date): Promise<number> {
    return this.rows.filter((d) => d.dueAt <= now).length;
  }

  done(keys: string[]): Promise<void> {
    return this.cancel(keys);
  }
}
