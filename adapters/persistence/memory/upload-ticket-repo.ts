import type { UploadTicketRepo } from '../../../application/ports/upload-ticket-repo.ts';
import { UploadTicket } from '../../../domain/images/upload-ticket.ts';
import type { MemoryDatabase } from './memory-database.ts';

/** Tickets have no foreign keys (as in PostgreSQL): a ticket for something gone fails its commit's checks. */
export class InMemoryUploadTicketRepo implements UploadTicketRepo {
  constructor(private readonly db: MemoryDatabase) {}

  private get rows() {
    return this.db.tables.uploadTickets;
  }

  insert(ticket: UploadTicket): Promise<void> {
    return this.db.write(() => {
      if (this.rows.has(ticket.id)) throw new Error(`upload ticket ${ticket.id} exists`);
      this.rows.put(ticket.toState());
    });
  }

  async findById(id: string): Promise<UploadTicket | null> {
    const row = this.rows.get(id);
    return row ? UploadTicket.restore(row) : null;
  }

  /** Memory transactions run one at a time: the lock is implicit. */
  lock(id: string): Promise<UploadTicket | null> {
    return this.findById(id);
  }

  save(ticket: UploadTicket): Promise<void> {
    return this.db.write(() => {
      if (this.rows.has(ticket.id)) this.rows.put(ticket.toState());
    });
  }

  deleteExpiredBefore(before: Date): Promise<number> {
    return this.db.write(() => this.db.delete('uploadTickets', (t) => t.expiresAt < before).length);
  }
}
