import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { ConfigError, loadConfig } from './config.ts';
import { createRuntime } from './container.ts';
import { loadEnvFile } from './env-file.ts';
import { createLogger } from './logger.ts';
import { PROJECT_ROOT } from './project-root.ts';
import { parseSeedFile } from './seeding/seed-file.ts';
import { Seeder, type Tally } from './seeding/seeder.ts';

/**
 * npm run seed [-- --file path] [--dry-run]: reads the whole file, validates every entry with the
 * use-cases' own schemas and checks its references, and only then drives the use-cases (never HTTP
 * or SQL) through the same container as the server. A file with any error writes nothing.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { file: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
  const file = path.resolve(values.file ?? path.join(PROJECT_ROOT, 'bootstrap', 'seed_data.yaml'));
  loadEnvFile();
  const config = loadConfig();

  let document: unknown;
  try {
    document = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    return fail(file, [`not a readable YAML file: ${(error as Error).message.split('\n')[0]}`]);
  }
  const { plan, errors } = parseSeedFile(document);
  if (errors.length) return fail(file, errors);

  const runtime = await createRuntime(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  try {
    const seeder = new Seeder(runtime, config, path.dirname(file));
    const broken = await seeder.checkReferences(plan);
    if (broken.length) return fail(file, broken);
    if (values['dry-run']) {
      console.log(`${file} is valid: ${plan.users.length} users, ${plan.categories.length} categories, ${plan.themes.length} themes. Nothing written (--dry-run).`);
      return 0;
    }
    const tally = await seeder.apply(plan, (done, total, what, outcome) => console.log(`[${done}/${total}] ${what}: ${outcome}`));
    if (changes(tally)) await runtime.refreshStatistics();
    printSummary(tally);
    return 0;
  } finally {
    await runtime.close();
  }
}

function changes(tally: Tally): number {
  return Object.values(tally).reduce((sum, c) => sum + c.created + c.updated, 0);
}

function printSummary(tally: Tally): void {
  console.log('\nsummary:');
  for (const [kind, counts] of Object.entries(tally)) console.log(`  ${kind.padEnd(10)} ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`);
  if (changes(tally) === 0) console.log('nothing to do: everything in the file was already there');
}

function fail(file: string, errors: string[]): number {
  console.error(`${file} has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was written:\n${errors.map((e) => `  ${e}`).join('\n')}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
