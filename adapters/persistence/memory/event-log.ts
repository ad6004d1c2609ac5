import type { ChangeEvent, EventLog, NewEvent } from '../../../application/ports/event-log.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class InMemoryEventLog implements EventLog {
  constructor(private readonly db: MemoryDatabase) {}

  async append(event: NewEvent): Promise<void> {
    this.db.appendEvent(event);
  }

  async after(afterId: number, limit: number): Promise<ChangeEvent[]> {
    return this.db.tables.events
      .filter((e) => e.id > afterId)
      .sort((x, y) => x.id - y.id)
      .slice(0, limit);
  }

  prune(before: Date): Promise<number> {
    return this.db.write(() => this.db.delete('events', (e) => e.at < before).length);
  }
}
