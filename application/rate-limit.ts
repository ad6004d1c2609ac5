import { TooManyAttempts } from '../domain/errors.ts';
import type { Clock } from './ports/clock.ts';
import type { RateLimiter } from './ports/rate-limiter.ts';

const WINDOW_SECONDS = 60;

/** At most `perMinute` hits per key in each clock minute, counted by a RateLimiter; 0 means no limit. */
export class PerMinuteLimit {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    readonly perMinute: number,
  ) {}

  /** Counts one hit of `key`; beyond the limit, throws TooManyAttempts (saying `refusal`) until the minute is over. */
  async hit(key: string, refusal: string): Promise<void> {
    if (this.perMinute === 0) return;
    const now = this.clock.now().getTime();
    const windowStart = now - (now % (WINDOW_SECONDS * 1000));
    const count = await this.limiter.hit(key, new Date(windowStart));
    if (count > this.perMinute) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + WINDOW_SECONDS * 1000 - now) / 1000));
      throw new TooManyAttempts(retryAfter, refusal);
    }
  }

  /** Forgets finished windows (of every key). */
  prune(): Promise<void> {
    return this.limiter.prune(new Date(this.clock.now().getTime() - 2 * WINDOW_SECONDS * 1000));
  }
}
