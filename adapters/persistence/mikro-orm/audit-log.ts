import type { AuditEvent, AuditLog } from '../../../application/ports/audit-log.ts';
import { AuditEventSchema } from './schemas/audit-event.ts';
import { contextEm, type Orm } from './orm.ts';

export class MikroOrmAuditLog implements AuditLog {
  constructor(private readonly orm: Orm) {}

  async record(event: AuditEvent): Promise<void> {
    await contextEm(this.orm).insert(AuditEventSchema, { ...event });
  }
}
