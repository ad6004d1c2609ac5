import { requireUser, type Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { RateLimiter } from '../ports/rate-limiter.ts';
import { PerMinuteLimit } from '../rate-limit.ts';

/**
 * Palette extraction decodes an image per request: at most `perMinute` requests a minute per user (0: no limit),
 * counted before the image is read, so a refused client is not made to upload it.
 */
export class ThrottleExtraction {
  private readonly limit: PerMinuteLimit;

  constructor(limiter: RateLimiter, clock: Clock, perMinute: number) {
    this.limit = new PerMinuteLimit(limiter, clock, perMinute);
  }

  execute(actor: Actor): Promise<void> {
    const { userId } = requireUser(actor);
    return this.limit.hit(`extract:${userId}`, `at most ${this.limit.perMinute} palette extractions a minute per user`);
  }
}
