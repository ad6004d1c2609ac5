import type { AuditCriteria, AuditEvent, AuditLog, AuditPosition } from '../../../application/ports/audit-log.ts';
import { compare } from '../sorting.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class InMemoryAuditLog implements AuditLog {
  constructor(private readonly db: MemoryDatabase) {}

  record(event: AuditEvent): Promise<void> {
    return this.db.write(() => this.db.tables.auditEvents.put(event));
  }

  async list(criteria: AuditCriteria, page: { after?: AuditPosition | undefined; limit: number }): Promise<AuditEvent[]> {
    const newestFirst = (x: AuditPosition, y: AuditPosition) => y.at.getTime() - x.at.getTime() || compare(y.id, x.id);
    return this.db.tables.auditEvents
      .filter(
        (e) =>
          (!criteria.actorId || e.actorId === criteria.actorId) &&
          (!criteria.action || e.action === criteria.action) &&
          (!criteria.since || e.at >= criteria.since) &&
          (!criteria.until || e.at < criteria.until) &&
          (!page.after || newestFirst(e, page.after) > 0),
      )
      .sort(newestFirst)
      .slice(0, page.limit);
  }
}
