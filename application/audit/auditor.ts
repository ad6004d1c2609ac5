import type { Actor } from '../actor.ts';
import type { AuditAction, AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';

/** Fills in the who, when and where of an audit event from the actor. */
export class Auditor {
  constructor(
    private readonly log: AuditLog,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  record(
    actor: Actor,
    action: AuditAction,
    target: { type: string; id: string | null },
    details: Record<string, unknown> = {},
    actorId: string | null = actor.kind === 'user' ? actor.userId : null,
  ): Promise<void> {
    return this.log.record({
      id: this.ids.next(),
      at: this.clock.now(),
      actorId,
      action,
      targetType: target.type,
      targetId: target.id,
      ip: actor.origin?.ip ?? null,
      requestId: actor.origin?.requestId ?? null,
      details,
    });
  }
}
