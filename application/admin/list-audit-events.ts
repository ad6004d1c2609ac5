import { z } from 'zod';
import { requirePermission, type Actor } from '../actor.ts';
import { PageInput, type Cursors, type Page } from '../pagination.ts';
import type { AuditEvent, AuditLog } from '../ports/audit-log.ts';
import { parseInput, text } from '../validation.ts';

export const ListAuditEventsInput = z.strictObject({
  actor: z.uuid().optional().meta({ description: 'the acting user’s id' }),
  action: text().trim().max(64).optional().meta({ description: 'e.g. auth.login_failed' }),
  since: z.iso.datetime({ offset: true }).optional().meta({ description: 'events at or after this time (ISO 8601)' }),
  until: z.iso.datetime({ offset: true }).optional().meta({ description: 'events before this time (ISO 8601)' }),
  ...PageInput,
});

const Position = z.strictObject({ at: z.iso.datetime(), i: z.uuid() });

/** The audit trail, newest first, for administrators: by actor, action and time window. */
export class ListAuditEvents {
  constructor(
    private readonly log: AuditLog,
    private readonly cursors: Cursors,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<Page<AuditEvent>> {
    requirePermission(actor, 'audit:read');
    const input = parseInput(ListAuditEventsInput, raw);
    const since = input.since === undefined ? undefined : new Date(input.since);
    const until = input.until === undefined ? undefined : new Date(input.until);
    const signature = { audit: { actor: input.actor, action: input.action, since: since?.toISOString(), until: until?.toISOString() } };
    const after = input.cursor ? this.cursors.decode(signature, input.cursor, Position) : undefined;
    return this.cursors.page(
      signature,
      input.limit,
      (n) => this.log.list({ actorId: input.actor, action: input.action, since, until }, { after: after && { at: new Date(after.at), id: after.i }, limit: n }),
      (e) => ({ at: e.at.toISOString(), i: e.id }),
    );
  }
}
