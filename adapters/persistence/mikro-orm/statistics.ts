import type { Statistics, StatisticsQuery } from '../../../application/ports/statistics.ts';
import { THEME_STATUSES, type ThemeStatus } from '../../../domain/themes/theme.ts';
import { ROLES, USER_STATUSES, type Role, type UserStatus } from '../../../domain/users/role.ts';
import { contextEm, type Orm } from './orm.ts';

type Count = { n: string };

/** One statement per figure, each answered from an index or a small table. */
export class PostgresStatistics implements StatisticsQuery {
  constructor(private readonly orm: Orm) {}

  async collect(now: Date, loginsSince: Date): Promise<Statistics> {
    const em = contextEm(this.orm);
    const users = await em.execute<(Count & { role: Role; status: UserStatus })[]>(`select role, status, count(*) as n from users group by role, status`);
    // From the few locked logins to their accounts, through the unique indexes.
    const [locked] = await em.execute<Count[]>(
      `select count(distinct id) as n from (
         select u.id from login_throttle t join users u on u.email = t.login where t.locked_until > ?
         union all
         select u.id from login_throttle t join users u on u.username = t.login where t.locked_until > ?) x`,
      [now, now],
    );
    const themes = await em.execute<(Count & { status: ThemeStatus })[]>(`select status, count(*) as n from themes group by status`);
    const [images] = await em.execute<(Count & { bytes: string })[]>(`select count(*) as n, coalesce(sum(size + thumbnail_size), 0) as bytes from images`);
    const logins = await em.execute<(Count & { outcome: string })[]>(`select outcome, count(*) as n from login_attempts where at >= ? group by outcome`, [loginsSince]);
    const [due] = await em.execute<Count[]>(`select count(*) as n from object_deletions where due_at <= ?`, [now]);
    const byOutcome = (outcome: string) => Number(logins.find((r) => r.outcome === outcome)?.n ?? 0);
    return {
      users: {
        byRole: sum(ROLES, users.map((r) => [r.role, r.n])),
        byStatus: sum(USER_STATUSES, users.map((r) => [r.status, r.n])),
        locked: Number(locked?.n ?? 0),
      },
      themes: { byStatus: sum(THEME_STATUSES, themes.map((r) => [r.status, r.n])) },
      images: { count: Number(images?.n ?? 0), bytes: Number(images?.bytes ?? 0) },
      logins: { since: loginsSince, succeeded: byOutcome('success'), failed: byOutcome('failure'), locked: byOutcome('locked') },
      objectDeletionsDue: Number(due?.n ?? 0),
    };
  }
}

/** Counts (bigint, as text) added up per key; keys with no row count 0. */
function sum<K extends string>(keys: readonly K[], rows: [K, string][]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const [key, n] of rows) counts[key] += Number(n);
  return counts;
}
