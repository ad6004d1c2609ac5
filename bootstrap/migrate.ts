import { migrate, openOrm } from '../adapters/persistence/mikro-orm/orm.ts';
import { parseCommandLine } from './cli.ts';
import { ConfigError, loadConfig } from './config.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { loadEnvFile } from './env-file.ts';
import { createLogger } from './logger.ts';

const USAGE = `
Usage: npm run migrate

Applies the committed migrations that the configured database lacks (DATABASE_URL, or the embedded
PostgreSQL in DATA_DIR), in one transaction (all or nothing), then refreshes the planner's statistics.
\`npm start\` does the same before it serves; this command is for deployments that migrate first.

Options:
  -h, --help  print this help
`;

/** npm run migrate: applies the committed migrations to the configured database. */
async function main(): Promise<void> {
  parseCommandLine(USAGE, {});
  loadEnvFile();
  const config = loadConfig();
  const logger = createLogger(config.logLevel, config.env);
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
