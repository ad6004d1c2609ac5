export const LOGIN_OUTCOMES = ['success', 'failure', 'locked'] as const;
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

/**
 * One sign-in attempt. `userId` is null when the login named no account: such attempts count in the
 * statistics and are listed on no account.
 */
export type LoginAttempt = { id: string; userId: string | null; at: Date; outcome: LoginOutcome; ip: string | null; userAgent: string | null };
export type LoginAttemptPosition = { at: Date; id: string };

export interface LoginHistory {
  /** Written inside the caller's transaction, with the audit event of the same attempt. */
  record(attempt: LoginAttempt): Promise<void>;
  /** An account's attempts, newest first, after `after`. */
  listOf(userId: string, page: { after?: LoginAttemptPosition | undefined; limit: number }): Promise<LoginAttempt[]>;
  /** Forgets the attempts made before `before`; resolves with how many went. */
  prune(before: Date): Promise<number>;
}
