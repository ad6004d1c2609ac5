import type { UploadTicket } from '../../domain/images/upload-ticket.ts';

export interface UploadTicketRepo {
  insert(ticket: UploadTicket): Promise<void>;
  findById(id: string): Promise<UploadTicket | null>;
  /** Inside a transaction: the ticket, locked against other commits of it until the transaction ends. */
  lock(id: string): Promise<UploadTicket | null>;
  /** Writes what a commit changed (the image it recorded). */
  save(ticket: UploadTicket): Promise<void>;
  /** Forgets the tickets that expired before `before`; resolves with how many went. */
  deleteExpiredBefore(before: Date): Promise<number>;
}
