import type { ChangeEvent, EventLog, NewEvent } from '../../../application/ports/event-log.ts';
import { contextEm, type Orm } from './orm.ts';
import { EVENT_COLUMNS, outboxOf, toChangeEvent, type EventRow } from './outbox.ts';

export class PostgresEventLog implements EventLog {
  constructor(private readonly orm: Orm) {}

  async append(event: NewEvent): Promise<void> {
    const em = this.orm.em.getContext(false);
    if (!em.isInTransaction()) throw new Error('events are appended inside the transaction of the change they tell of');
    outboxOf(this.orm).add(em, event);
  }

  async after(afterId: number, limit: number): Promise<ChangeEvent[]> {
    const rows = await contextEm(this.orm).execute<EventRow[]>(`select ${EVENT_COLUMNS} from events where id > ? order by id limit ?`, [afterId, limit]);
    return rows.map(toChangeEvent);
  }

  async prune(before: Date): Promise<number> {
    const [row] = await contextEm(this.orm).execute<{ count: string }[]>(`with gone as (delete from events where at < ? returning 1) select count(*) as count from gone`, [before]);
    return Number(row?.count ?? 0);
  }
}
