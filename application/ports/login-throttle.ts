/** One failed login, and what it does to the count: the rule the use-case decides, the store applies atomically. */
export type LoginFailure = {
  at: Date;
  /** The failure that brings the count to this many locks the login... */
  lockAt: number;
  /** ...until then. */
  lockUntil: Date;
  /** Failures last counted before this are forgotten: the count starts again from this one. */
  forgetBefore: Date;
};

export type LoginThrottleState = { failures: number; lockedUntil: Date | null };

/**
 * Failed logins counted per normalised login (an email or a username as typed), whether or not an
 * account has it, so unknown and known logins behave alike. Shared by every server instance on the
 * database, so a client cannot escape the count by landing on another one.
 */
export interface LoginThrottle {
  /** When the login's lock ends, or null when it is not locked at `now`. */
  lockedUntil(login: string, now: Date): Promise<Date | null>;
  /**
   * Counts one failure in one atomic step: concurrent failures each see their own count. A lock in
   * force is kept; otherwise the failure that reaches `lockAt` locks the login until `lockUntil`.
   */
  recordFailure(login: string, failure: LoginFailure): Promise<LoginThrottleState>;
  /** Forgets the failures and the lock of these logins (a success, an administrator's unlock); true when any was locked at `now`. */
  clear(logins: string[], now: Date): Promise<boolean>;
  /** Forgets the logins that no longer count anything: no lock in force at `now` and no failure since `forgetBefore`. */
  prune(now: Date, forgetBefore: Date): Promise<number>;
}
