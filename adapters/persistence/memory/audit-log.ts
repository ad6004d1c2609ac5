import type { AuditEvent, AuditLog } from '../../../application/ports/audit-log.ts';
import { copyOf, type MemoryDb } from './memory-db.ts';

export class InMemoryAuditLog implements AuditLog {
  constructor(private readonly db: MemoryDb) {}

  record(event: AuditEvent): Promise<void> {
    return this.db.write(() => void this.db.table<AuditEvent>('audit_events').set(event.id, copyOf(event)));
  }
}
