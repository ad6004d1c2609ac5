import { requirePermission, type Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { Statistics, StatisticsQuery } from '../ports/statistics.ts';

/** How long a set of counts is served before it is collected again. */
export const STATISTICS_CACHE_SECONDS = 5;
const LOGINS_WINDOW_MS = 24 * 3600 * 1000;

export type StatisticsView = Statistics & { generatedAt: Date };

/**
 * The counts of GET /admin/stats, for administrators: collected at most once every few seconds
 * per instance, however many admins ask (concurrent requests share one collection).
 */
export class GetStatistics {
  private cached: { at: number; value: Promise<StatisticsView> } | undefined;

  constructor(
    private readonly query: StatisticsQuery,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor): Promise<StatisticsView> {
    requirePermission(actor, 'stats:read');
    const now = this.clock.now();
    const age = this.cached && now.getTime() - this.cached.at;
    // A clock set back makes the age negative: collect again rather than keep old counts.
    if (this.cached && age !== undefined && age >= 0 && age < STATISTICS_CACHE_SECONDS * 1000) return this.cached.value;
    const value = this.query.collect(now, new Date(now.getTime() - LOGINS_WINDOW_MS)).then((stats) => ({ ...stats, generatedAt: now }));
    const cached = { at: now.getTime(), value };
    // A failed collection is not served again.
    value.catch(() => {
      if (this.cached === cached) this.cached = undefined;
    });
    this.cached = cached;
    return value;
  }
}
