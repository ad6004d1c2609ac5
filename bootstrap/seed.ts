import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TableNotFoundException } from '@mikro-orm/core';
import { parse as parseYaml } from 'yaml';
import { parseCommandLine } from './cli.ts';
import { ConfigError, type Config } from './config.ts';
import { createRuntime } from './container.ts';
import { runningEmbeddedPostgresUrl } from './embedded-postgres.ts';
import { commandConfig } from './env-file.ts';
import { createLogger } from './logger.ts';
import { PROJECT_ROOT } from './project-root.ts';
import { ephemeralSecret } from './secrets.ts';
import { parseSeedFile, type SeedPlan } from './seeding/seed-file.ts';
import { Seeder, type Tally } from './seeding/seeder.ts';

const DEFAULT_FILE = path.join(PROJECT_ROOT, 'bootstrap', 'seed_data.yaml');

const USAGE = `
Usage: npm run seed [-- --file <path>] [--dry-run]

Loads users, categories and themes (with their images) from a YAML file through the same use-cases
as the API, into the configured database and object store (DATABASE_URL and S3_ENDPOINT, or the
embedded PostgreSQL and the files in DATA_DIR). The whole file and every reference in it are
checked before anything is written: a file with any error writes nothing. Idempotent: a second run
changes nothing. Works while the server runs.

Options:
  --file <path>  the seed file (default: bootstrap/seed_data.yaml, the public demo catalogue)
  --dry-run      check the file and its references, and write nothing at all: no database,
                 no migration, no secret, no DATA_DIR. References to accounts and categories
                 that are not in the file are looked up in the database when one is running.
  -h, --help     print this help
`;

/**
 * npm run seed [-- --file path] [--dry-run]: reads the whole file, validates every entry with the
 * use-cases' own schemas and checks its references, and only then drives the use-cases (never HTTP
 * or SQL) through the same container as the server. A file with any error writes nothing.
 */
async function main(): Promise<number> {
  const options = parseCommandLine(USAGE, { file: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } });
  const file = path.resolve(options.file ?? DEFAULT_FILE);
  const config = commandConfig();

  let document: unknown;
  try {
    document = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    return fail(file, [`not a readable YAML file: ${(error as Error).message.split('\n')[0]}`]);
  }
  const { plan, errors } = parseSeedFile(document);
  if (errors.length) return fail(file, errors);
  if (options['dry-run']) return dryRun(config, file, plan);

  const runtime = await createRuntime(config, quietLogger(config));
  try {
    const seeder = new Seeder(runtime, config, path.dirname(file));
    const broken = await seeder.checkReferences(plan);
    if (broken.length) return fail(file, broken);
    const tally = await seeder.apply(plan, (done, total, what, outcome) => console.log(`[${done}/${total}] ${what}: ${outcome}`));
    if (changes(tally)) await runtime.refreshStatistics();
    printSummary(tally);
    return 0;
  } finally {
    await runtime.close();
  }
}

/**
 * Checks references against the database the real run would write to, when it can be read without
 * creating, starting, migrating or writing anything; otherwise against the file alone.
 */
async function dryRun(config: Config, file: string, plan: SeedPlan): Promise<number> {
  const summary = `${plan.users.length} users, ${plan.categories.length} categories, ${plan.themes.length} themes`;
  let source = await readableDatabase(config);
  let broken: string[];
  try {
    broken = await checkReferences(config, file, plan, source.database);
  } catch (error) {
    if (!(error instanceof TableNotFoundException)) throw error;
    source = { database: { kind: 'memory' }, against: 'the file only (the database has no tables yet)' };
    broken = await checkReferences(config, file, plan, source.database);
  }
  if (broken.length) return fail(file, broken, `References were checked against ${source.against}.`);
  console.log(`${file} is valid: ${summary}. References checked against ${source.against}. Nothing written (--dry-run).`);
  return 0;
}

async function checkReferences(config: Config, file: string, plan: SeedPlan, database: Config['database']): Promise<string[]> {
  // Nothing that writes: no migration, no staging in DATA_DIR, a throwaway signing secret, objects in memory.
  const lookups: Config = { ...config, database, objects: { kind: 'memory' }, jwt: { ...config.jwt, secret: ephemeralSecret() } };
  const runtime = await createRuntime(lookups, quietLogger(config), { readOnly: true });
  try {
    return await new Seeder(runtime, lookups, path.dirname(file)).checkReferences(plan);
  } finally {
    await runtime.close();
  }
}

async function readableDatabase(config: Config): Promise<{ database: Config['database']; against: string }> {
  switch (config.database.kind) {
    case 'memory':
      return { database: config.database, against: 'the file only (ADAPTERS=memory)' };
    case 'url':
      return { database: config.database, against: 'the file and the database at DATABASE_URL' };
    case 'embedded': {
      const url = await runningEmbeddedPostgresUrl(config.dataDir);
      return url
        ? { database: { kind: 'url', url }, against: 'the file and the embedded PostgreSQL running on DATA_DIR' }
        : { database: { kind: 'memory' }, against: 'the file only (no embedded PostgreSQL is running on DATA_DIR: start the server to check the database too)' };
    }
  }
}

function quietLogger(config: Config) {
  return createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, config.env);
}

function changes(tally: Tally): number {
  return Object.values(tally).reduce((sum, c) => sum + c.created + c.updated, 0);
}

function printSummary(tally: Tally): void {
  console.log('\nsummary:');
  for (const [kind, counts] of Object.entries(tally)) console.log(`  ${kind.padEnd(10)} ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`);
  if (changes(tally) === 0) console.log('nothing to do: everything in the file was already there');
}

function fail(file: string, errors: string[], note?: string): number {
  console.error(`${file} has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was written:\n${errors.map((e) => `  ${e}`).join('\n')}`);
  if (note) console.error(note);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
