import type { Logger } from 'pino';
import { migrate, openOrm } from '../adapters/persistence/mikro-orm/orm.ts';
import type { Config } from './config.ts';
import { reasonOf, waitForDependency } from './dependencies.ts';
import { startEmbeddedPostgres, type PostgresUser } from './embedded-postgres.ts';

export type ReadyDatabase = { url: string; applied: string[]; stop: () => Promise<void> };

/**
 * The configured PostgreSQL, made ready the same way by the server and `npm run migrate`: the
 * embedded one started in DATA_DIR when there is no DATABASE_URL (`stop` ends it), an external one
 * waited for (STARTUP_TIMEOUT), then the committed migrations it lacks applied unless `migrate` is off.
 */
export async function readyDatabase(config: Config, logger: Logger, options: { migrate: boolean; user?: PostgresUser }): Promise<ReadyDatabase> {
  const { database } = config;
  if (database.kind === 'memory') throw new Error('ADAPTERS=memory has no database');
  let url: string;
  let stop = async () => {};
  if (database.kind === 'embedded') {
    const postgres = await startEmbeddedPostgres(config.dataDir, logger, options.user, config.timeouts.startupMs);
    url = postgres.url;
    stop = () => postgres.stop();
  } else {
    url = database.url;
  }
  try {
    return { url, applied: await prepare(url, config, logger, options.migrate), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function prepare(url: string, config: Config, logger: Logger, apply: boolean): Promise<string[]> {
  const orm = await openOrm(url, { poolMax: 1, timeouts: { connectMs: config.timeouts.databaseConnectMs } });
  try {
    if (config.database.kind === 'url') {
      const { hostname, port } = new URL(url);
      await waitForDependency(
        { variable: 'DATABASE_URL', service: `PostgreSQL at ${hostname}:${port || 5432}`, timeoutMs: config.timeouts.startupMs, logger },
        () => orm.em.getConnection().execute('select 1'),
        (error) => `refused the connection (${reasonOf(error)})`,
      );
    }
    return apply ? await migrate(orm) : [];
  } finally {
    await orm.close();
  }
}
