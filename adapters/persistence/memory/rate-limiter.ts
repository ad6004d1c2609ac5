import type { RateLimiter } from '../../../application/ports/rate-limiter.ts';

/** Counts in this process only: for the memory profile and a single instance. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  async hit(key: string, windowStart: Date): Promise<number> {
    const current = this.windows.get(key);
    const start = windowStart.getTime();
    if (!current || current.start !== start) {
      this.windows.set(key, { start, count: 1 });
      return 1;
    }
    current.count += 1;
    return current.count;
  }

  async prune(before: Date): Promise<void> {
    for (const [key, window] of this.windows) if (window.start < before.getTime()) this.windows.delete(key);
  }
}
