import type { Clock } from '../ports/clock.ts';
import type { RateLimiter } from '../ports/rate-limiter.ts';
import { PerMinuteLimit } from '../rate-limit.ts';

/**
 * Limits requests to /auth/* per client address: at most `perMinute` in each minute, then
 * too_many_attempts until the minute is over. 0 turns it off.
 */
export class ThrottleAuth {
  private readonly limit: PerMinuteLimit;

  constructor(limiter: RateLimiter, clock: Clock, perMinute: number) {
    this.limit = new PerMinuteLimit(limiter, clock, perMinute);
  }

  execute(clientAddress: string): Promise<void> {
    return this.limit.hit(`auth:${clientAddress}`, `at most ${this.limit.perMinute} authentication requests a minute from one address`);
  }

  /** Forgets finished windows (of every limit sharing the store); run now and then. */
  prune(): Promise<void> {
    return this.limit.prune();
  }
}
