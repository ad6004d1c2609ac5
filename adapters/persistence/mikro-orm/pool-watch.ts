import type { Pool, PoolClient } from 'pg';
import type { PoolState } from '../../../application/ports/operational-metrics.ts';
import type { Orm } from './orm.ts';

export type PoolWatch = {
  /** Read when asked (a scrape), from pg's own counters: nothing is kept up to date on the side. */
  state(): PoolState;
  /** Told how long each connection took to obtain, in seconds (a queue for a free one, or a connect). */
  onAcquire(listener: (seconds: number) => void): void;
};

/**
 * Watches the pg Pool under the ORM (MikroORM 7 hands it to Kysely, which asks it for a client per
 * query or transaction). pg-pool keeps the counts; the wait is timed around `connect`, the one call
 * Kysely makes, since pg-pool has no event for "asked".
 */
export async function watchPool(orm: Orm): Promise<PoolWatch> {
  const pool: Pool = await orm.em.getConnection().getNativeClient();
  let listener: ((seconds: number) => void) | undefined;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<PoolClient> | undefined;
  const timed = async () => {
    const started = performance.now();
    try {
      return (await connect())!;
    } finally {
      // A wait that ended in a timeout is the one most worth seeing.
      listener?.((performance.now() - started) / 1000);
    }
  };
  // The callback form (which Kysely does not use) is passed through untimed.
  pool.connect = ((...args: unknown[]) => (args.length ? connect(...args) : timed())) as Pool['connect'];
  return {
    state: () => ({ open: pool.totalCount, inUse: pool.totalCount - pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 }),
    onAcquire: (next) => {
      listener = next;
    },
  };
}
