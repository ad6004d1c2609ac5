import type { LoginFailure, LoginThrottle, LoginThrottleState } from '../../../application/ports/login-throttle.ts';
import type { MemoryDatabase } from './memory-database.ts';

/** The counts in the memory database; PostgreSQL's single upsert mirrors each step. */
export class InMemoryLoginThrottle implements LoginThrottle {
  constructor(private readonly db: MemoryDatabase) {}

  private get rows() {
    return this.db.tables.loginThrottle;
  }

  async lockedUntil(login: string, now: Date): Promise<Date | null> {
    const lockedUntil = this.rows.get(login)?.lockedUntil;
    return lockedUntil && lockedUntil > now ? lockedUntil : null;
  }

  recordFailure(login: string, failure: LoginFailure): Promise<LoginThrottleState> {
    return this.db.write(() => {
      const stored = this.rows.get(login);
      const counting = stored && stored.lastFailureAt >= failure.forgetBefore ? stored : undefined;
      const failures = (counting?.failures ?? 0) + 1;
      const lockInForce = counting?.lockedUntil && counting.lockedUntil > failure.at ? counting.lockedUntil : null;
      const lockedUntil = lockInForce ?? (failures >= failure.lockAt ? failure.lockUntil : null);
      this.rows.put({ login, failures, lockedUntil, lastFailureAt: failure.at });
      return { failures, lockedUntil };
    });
  }

  clear(logins: string[], now: Date): Promise<boolean> {
    return this.db.write(() => {
      const cleared = this.db.delete('loginThrottle', (t) => logins.includes(t.login));
      return cleared.some((t) => t.lockedUntil !== null && t.lockedUntil > now);
    });
  }

  prune(now: Date, forgetBefore: Date): Promise<number> {
    return this.db.write(() => this.db.delete('loginThrottle', (t) => (t.lockedUntil === null || t.lockedUntil <= now) && t.lastFailureAt < forgetBefore).length);
  }
}
