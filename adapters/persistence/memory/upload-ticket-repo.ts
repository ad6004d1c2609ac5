import type { UploadTicketRepo } from '../../../application/ports/upload-ticket-repo.ts';
import { UploadTicket, type UploadTicketState } from '../../../domain/images/upload-ticket.ts';
import { copyOf, type MemoryDb } from './memory-db.ts';

export class InMemoryUploadTicketRepo implements UploadTicketRepo {
  constructor(private readonly db: MemoryDb) {}

  private get rows(): Map<string, UploadTicketState> {
    return this.db.table<UploadTicketState>('upload_tickets');
  }

  insert(ticket: UploadTicket): Promise<void> {
    return this.db.write(() => {
      if (this.rows.has(ticket.id)) throw new Error(`upload ticket ${ticket.id} exists`);
      this.rows.set(ticket.id, ticket.toState());
    });
  }

  async findById(id: string): Promise<UploadTicket | null> {
    const state = this.rows.get(id);
    return state ? UploadTicket.restore(copyOf(state)) : null;
  }

  /** Memory transactions run one at a time: the lock is implicit. */
  lock(id: string): Promise<UploadTicket | null> {
    return this.findById(id);
  }

  save(ticket: UploadTicket): Promise<void> {
    return this.db.write(() => {
      if (this.rows.has(ticket.id)) this.rows.set(ticket.id, ticket.toState());
    });
  }

  deleteExpiredBefore(before: Date): Promise<number> {
    return this.db.write(() => {
      let deleted = 0;
      for (const [id, state] of this.rows) if (state.expiresAt < before && this.rows.delete(id)) deleted += 1;
      return deleted;
    });
  }
}
