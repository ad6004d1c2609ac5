import { EntitySchema } from '@mikro-orm/core';
import type { AuditEvent } from '../../../../application/ports/audit-log.ts';

export const AuditEventSchema = new EntitySchema<AuditEvent>({
  name: 'AuditEvent',
  tableName: 'audit_events',
  properties: {
    id: { type: 'uuid', primary: true },
    at: { type: 'datetime' },
    actorId: { type: 'uuid', nullable: true },
    action: { type: 'string' },
    targetType: { type: 'string' },
    targetId: { type: 'string', nullable: true },
    ip: { type: 'string', nullable: true },
    requestId: { type: 'string', nullable: true },
    details: { type: 'json' },
  },
});
