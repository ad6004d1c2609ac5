import type { AuditCriteria, AuditEvent, AuditLog, AuditPosition } from '../../../application/ports/audit-log.ts';
import { AuditEventSchema } from './schemas/audit-event.ts';
import { contextEm, type Orm } from './orm.ts';

export class MikroOrmAuditLog implements AuditLog {
  constructor(private readonly orm: Orm) {}

  async record(event: AuditEvent): Promise<void> {
    await contextEm(this.orm).insert(AuditEventSchema, { ...event });
  }

  async list(criteria: AuditCriteria, page: { after?: AuditPosition | undefined; limit: number }): Promise<AuditEvent[]> {
    const where: Record<string, unknown>[] = [];
    if (criteria.actorId) where.push({ actorId: criteria.actorId });
    if (criteria.action) where.push({ action: criteria.action });
    if (criteria.since) where.push({ at: { $gte: criteria.since } });
    if (criteria.until) where.push({ at: { $lt: criteria.until } });
    if (page.after) where.push({ $or: [{ at: { $lt: page.after.at } }, { at: page.after.at, id: { $lt: page.after.id } }] });
    return contextEm(this.orm).find(AuditEventSchema, { $and: where }, { orderBy: [{ at: 'desc' }, { id: 'desc' }], limit: page.limit });
  }
}
