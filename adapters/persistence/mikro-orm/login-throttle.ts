import type { LoginFailure, LoginThrottle, LoginThrottleState } from '../../../application/ports/login-throttle.ts';
import { contextEm, type Orm } from './orm.ts';

/** Raw statements return timestamps as text. */
type Row = { failures: number; locked_until: string | null };

function dateOf(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

/** The counts in PostgreSQL, shared by every instance; each failure is one atomic upsert. */
export class PostgresLoginThrottle implements LoginThrottle {
  constructor(private readonly orm: Orm) {}

  async lockedUntil(login: string, now: Date): Promise<Date | null> {
    const [row] = await contextEm(this.orm).execute<Row[]>(`select locked_until from login_throttle where login = ? and locked_until > ?`, [login, now]);
    return dateOf(row?.locked_until ?? null);
  }

  async recordFailure(login: string, failure: LoginFailure): Promise<LoginThrottleState> {
    const { at, lockAt, lockUntil, forgetBefore } = failure;
    // Every expression of the update reads the row as it was, as InMemoryLoginThrottle does.
    const [row] = await contextEm(this.orm).execute<Row[]>(
      `insert into login_throttle as t (login, failures, locked_until, last_failure_at)
       values (?, 1, case when 1 >= ? then ?::timestamptz end, ?)
       on conflict (login) do update set
         failures = case when t.last_failure_at >= ? then t.failures + 1 else 1 end,
         locked_until = case
           when t.last_failure_at >= ? and t.locked_until > excluded.last_failure_at then t.locked_until
           when (case when t.last_failure_at >= ? then t.failures + 1 else 1 end) >= ? then ?::timestamptz
         end,
         last_failure_at = excluded.last_failure_at
       returning failures, locked_until`,
      [login, lockAt, lockUntil, at, forgetBefore, forgetBefore, forgetBefore, lockAt, lockUntil],
    );
    return { failures: Number(row!.failures), lockedUntil: dateOf(row!.locked_until) };
  }

  async clear(logins: string[], now: Date): Promise<boolean> {
    if (!logins.length) return false;
    const rows = await contextEm(this.orm).execute<Row[]>(
      `delete from login_throttle where login in (${logins.map(() => '?').join(', ')}) returning locked_until`,
      logins,
    );
    return rows.some((r) => (dateOf(r.locked_until) ?? now) > now);
  }

  async prune(now: Date, forgetBefore: Date): Promise<number> {
    const rows = await contextEm(this.orm).execute<{ login: string }[]>(
      `delete from login_throttle where (locked_until is null or locked_until <= ?) and last_failure_at < ? returning login`,
      [now, forgetBefore],
    );
    return rows.length;
  }
}
