import { requirePermission, type Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';

/** How many of the due keys are listed; the statistics count them all. */
export const BACKLOG_LISTED = 50;

export type DeletionBacklog = { keys: string[]; more: boolean };

/**
 * Stored objects due for deletion that the store has not deleted yet (it was unreachable, or a
 * crash cut a deletion short), for administrators. The janitor retries them every minute.
 */
export class GetDeletionBacklog {
  constructor(
    private readonly cleanup: ObjectCleanup,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor): Promise<DeletionBacklog> {
    requirePermission(actor, 'stats:read');
    const keys = await this.cleanup.due(this.clock.now(), BACKLOG_LISTED + 1);
    return { keys: keys.slice(0, BACKLOG_LISTED), more: keys.length > BACKLOG_LISTED };
  }
}
