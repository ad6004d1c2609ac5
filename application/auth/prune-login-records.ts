import type { Clock } from '../ports/clock.ts';
import type { LoginHistory } from '../ports/login-history.ts';
import type { LoginThrottle } from '../ports/login-throttle.ts';
import { forgetBefore, type LoginPolicy } from './login-policy.ts';

/**
 * Housekeeping: forgets sign-in attempts older than `historyDays` (LOGIN_HISTORY_DAYS) and the
 * failure counts that can no longer lock anything.
 */
export class PruneLoginRecords {
  constructor(
    private readonly history: LoginHistory,
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
    private readonly policy: LoginPolicy,
    private readonly historyDays: number,
  ) {}

  async execute(): Promise<{ attempts: number; counts: number }> {
    const now = this.clock.now();
    const attempts = await this.history.prune(new Date(now.getTime() - this.historyDays * 86_400_000));
    const counts = await this.throttle.prune(now, forgetBefore(this.policy, now));
    return { attempts, counts };
  }
}
