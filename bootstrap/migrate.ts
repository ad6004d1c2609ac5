import { parseCommandLine } from './cli.ts';
import { ConfigError } from './config.ts';
import { readyDatabase } from './database.ts';
import { StartupError } from './dependencies.ts';
import { commandConfig } from './env-file.ts';
import { createLogger } from './logger.ts';

const USAGE = `
Usage: npm run migrate

Applies the committed migrations that the configured database lacks (DATABASE_URL, waited for up to
STARTUP_TIMEOUT, or the embedded PostgreSQL in DATA_DIR), in one transaction (all or nothing), then
refreshes the planner's statistics.
\`npm start\` does the same before it serves; this command is for deployments that migrate first.

Options:
  -h, --help  print this help
`;

/** npm run migrate: applies the committed migrations to the configured database. */
async function main(): Promise<void> {
  parseCommandLine(USAGE, {});
  const config = commandConfig();
  if (config.database.kind === 'memory') {
    console.log('ADAPTERS=memory: there is no database to migrate');
    return;
  }
  const { applied, stop } = await readyDatabase(config, createLogger(config.logLevel, config.env), { migrate: true });
  await stop();
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : error);
  process.exit(1);
});
