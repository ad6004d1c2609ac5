import type { RateLimiter } from '../../../application/ports/rate-limiter.ts';
import type { Orm } from './orm.ts';

/**
 * Counts in PostgreSQL, so that every instance of the server shares them. Always on its own fork,
 * outside any transaction: a hit counts even when the request it belongs to fails.
 */
export class PostgresRateLimiter implements RateLimiter {
  constructor(private readonly orm: Orm) {}

  async hit(key: string, windowStart: Date): Promise<number> {
    // One atomic upsert: concurrent hits on any instance each see their own count.
    const [row] = await this.orm.em.fork().execute<{ count: number }[]>(
      `insert into rate_limits (key, window_start, count) values (?, ?, 1)
       on conflict (key, window_start) do update set count = rate_limits.count + 1
       returning count`,
      [key, windowStart],
    );
    return Number(row?.count ?? 1);
  }

  async prune(before: Date): Promise<void> {
    await this.orm.em.fork().execute(`delete from rate_limits where window_start < ?`, [before]);
  }
}
