import { TooManyAttempts } from '../../domain/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { RateLimiter } from '../ports/rate-limiter.ts';

const WINDOW_SECONDS = 60;

/**
 * Limits requests to /auth/* per client address: at most `perMinute` in each minute, then
 * too_many_attempts until the minute is over. 0 turns it off.
 */
export class ThrottleAuth {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly perMinute: number,
  ) {}

  async execute(clientAddress: string): Promise<void> {
    if (this.perMinute === 0) return;
    const now = this.clock.now().getTime();
    const windowStart = now - (now % (WINDOW_SECONDS * 1000));
    const count = await this.limiter.hit(`auth:${clientAddress}`, new Date(windowStart));
    if (count > this.perMinute) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + WINDOW_SECONDS * 1000 - now) / 1000));
      throw new TooManyAttempts(retryAfter, `at most ${this.perMinute} authentication requests a minute from one address`);
    }
  }

  /** Forgets finished windows; run now and then. */
  prune(): Promise<void> {
    return this.limiter.prune(new Date(this.clock.now().getTime() - 2 * WINDOW_SECONDS * 1000));
  }
}
