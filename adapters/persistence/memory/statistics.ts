import type { Statistics, StatisticsQuery } from '../../../application/ports/statistics.ts';
import { THEME_STATUSES } from '../../../domain/themes/theme.ts';
import { ROLES, USER_STATUSES } from '../../../domain/users/role.ts';
import type { MemoryDatabase } from './memory-database.ts';

/** The same counts as PostgresStatistics, from the memory database's tables. */
export class InMemoryStatistics implements StatisticsQuery {
  constructor(private readonly db: MemoryDatabase) {}

  async collect(now: Date, loginsSince: Date): Promise<Statistics> {
    const { users, themes, images, loginAttempts, loginThrottle, objectDeletions } = this.db.tables;
    const everyUser = users.filter();
    const locked = new Set(loginThrottle.filter((t) => t.lockedUntil !== null && t.lockedUntil > now).map((t) => t.login));
    const attempts = loginAttempts.filter((a) => a.at >= loginsSince);
    const everyImage = images.filter();
    return {
      users: {
        byRole: countBy(ROLES, everyUser.map((u) => u.role)),
        byStatus: countBy(USER_STATUSES, everyUser.map((u) => u.status)),
        locked: everyUser.filter((u) => locked.has(u.email) || locked.has(u.username)).length,
      },
      themes: { byStatus: countBy(THEME_STATUSES, themes.filter().map((t) => t.status)) },
      images: { count: everyImage.length, bytes: everyImage.reduce((sum, i) => sum + i.size + i.thumbnailSize, 0) },
      logins: {
        since: loginsSince,
        succeeded: attempts.filter((a) => a.outcome === 'success').length,
        failed: attempts.filter((a) => a.outcome === 'failure').length,
        locked: attempts.filter((a) => a.outcome === 'locked').length,
      },
      objectDeletionsDue: objectDeletions.filter((d) => d.dueAt <= now).length,
    };
  }
}

function countBy<K extends string>(keys: readonly K[], values: K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) counts[value] += 1;
  return counts;
}
