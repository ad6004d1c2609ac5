import type { Clock } from '../ports/clock.ts';
import type { UploadTicketRepo } from '../ports/upload-ticket-repo.ts';

/** How long a ticket is remembered after it expires, so that a replayed commit still finds its image. */
const RETENTION_SECONDS = 86_400;

/** Forgets old upload tickets (their staging objects were scheduled for deletion when they were issued). */
export class PruneUploadTickets {
  constructor(
    private readonly tickets: UploadTicketRepo,
    private readonly clock: Clock,
  ) {}

  execute(): Promise<number> {
    return this.tickets.deleteExpiredBefore(new Date(this.clock.now().getTime() - RETENTION_SECONDS * 1000));
  }
}
