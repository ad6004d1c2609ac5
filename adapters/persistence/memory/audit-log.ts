import type { AuditCriteria, AuditEvent, AuditLog, AuditPosition } from '../../../application/ports/audit-log.ts';
import { compare } from '../sorting.ts';
import { copyOf, type MemoryDb } from './memory-db.ts';

export class InMemoryAuditLog implements AuditLog {
  constructor(private readonly db: MemoryDb) {}

  private get rows(): Map<string, AuditEvent> {
    return this.db.table<AuditEvent>('audit_events');
  }

  record(event: AuditEvent): Promise<void> {
    return this.db.write(() => void this.rows.set(event.id, copyOf(event)));
  }

  async list(criteria: AuditCriteria, page: { after?: AuditPosition | undefined; limit: number }): Promise<AuditEvent[]> {
    const newestFirst = (x: AuditPosition, y: AuditPosition) => y.at.getTime() - x.at.getTime() || compare(y.id, x.id);
    return [...this.rows.values()]
      .filter(
        (e) =>
          (!criteria.actorId || e.actorId === criteria.actorId) &&
          (!criteria.action || e.action === criteria.action) &&
          (!page.after || newestFirst(e, page.after) > 0),
      )
      .sort(newestFirst)
      .slice(0, page.limit)
      .map(copyOf);
  }
}
