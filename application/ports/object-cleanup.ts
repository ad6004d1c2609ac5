/**
 * Object keys due for deletion, kept in the database so that no crash forgets them. Keys are
 * scheduled in the transaction that removes their rows (due at once), or before an upload writes
 * them (due after a grace period, cancelled by the transaction that records the image).
 */
export interface ObjectCleanup {
  schedule(keys: string[], dueAt: Date): Promise<void>;
  cancel(keys: string[]): Promise<void>;
  /** Up to `limit` keys due at `now`. */
  due(now: Date, limit: number): Promise<string[]>;
  /** How many keys are due at `now` (the deletion backlog, for operators). */
  countDue(now: Date): Promise<number>;
  /** The keys were deleted from the store: forget them. */
  done(keys: string[]): Promise<void>;
}
