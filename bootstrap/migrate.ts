import { migrate, openOrm } from '../adapters/persistence/mikro-orm/orm.ts';
import { ConfigError, loadConfig } from './config.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { loadEnvFile } from './env-file.ts';
import { createLogger } from './logger.ts';

/** npm run migrate: applies the committed migrations to the configured database. */
async function main(): Promise<void> {
  loadEnvFile();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.database.kind === 'memory') {
    console.log('ADAPTERS=memory: there is no database to migrate');
    return;
  }
  const embedded = config.database.kind === 'embedded' ? await startEmbeddedPostgres(config.dataDir, logger) : undefined;
  try {
    const orm = await openOrm(config.database.kind === 'url' ? config.database.url : embedded!.url);
    try {
      const applied = await migrate(orm);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
    } finally {
      await orm.close();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
