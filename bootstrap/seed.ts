import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SYSTEM } from '../application/actor.ts';
import type { UserRepo } from '../application/ports/user-repo.ts';
import { CreateUser, CreateUserInput } from '../application/users/create-user.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createRuntime } from './container.ts';
import { loadEnvFile } from './env-file.ts';
import { createLogger } from './logger.ts';
import { TYPES } from './tokens.ts';

const SeedFile = z.strictObject({
  users: z.array(z.unknown()).default([]),
});

type Tally = { created: number; unchanged: number };

/**
 * npm run seed [-- --file path] [--dry-run]: drives the use-cases (never HTTP or SQL) through the
 * same container as the server. Everything is validated before anything is written; a second run
 * creates nothing.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { file: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
  const file = path.resolve(values.file ?? path.join(import.meta.dirname, 'seed_data.yaml'));
  loadEnvFile();
  const config = loadConfig();

  const document = SeedFile.safeParse(parseYaml(await readFile(file, 'utf8')) ?? {});
  if (!document.success) return fail(file, document.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const errors: string[] = [];
  const users = document.data.users.flatMap((entry, i) => {
    const parsed = CreateUserInput.safeParse(entry);
    if (parsed.success) return [parsed.data];
    errors.push(...parsed.error.issues.map((issue) => `users[${i}].${issue.path.join('.')}: ${issue.message}`));
    return [];
  });
  if (errors.length) return fail(file, errors);
  if (values['dry-run']) {
    console.log(`${file} is valid: ${users.length} users`);
    return;
  }

  const runtime = await createRuntime(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  try {
    const tally: Tally = { created: 0, unchanged: 0 };
    const repo = runtime.container.get<UserRepo>(TYPES.UserRepo);
    for (const [i, user] of users.entries()) {
      await runtime.scope(async () => {
        if (await repo.findByEmail(user.email)) tally.unchanged++;
        else {
          await runtime.container.get(CreateUser).execute(SYSTEM, user);
          tally.created++;
        }
      });
      process.stdout.write(`\rusers ${i + 1}/${users.length}`);
    }
    if (users.length) process.stdout.write('\n');
    console.log(`users: ${tally.created} created, ${tally.unchanged} unchanged`);
    if (tally.created === 0) console.log('nothing to do: the data was already seeded');
  } finally {
    await runtime.close();
  }
}

function fail(file: string, errors: string[]): void {
  console.error(`${file} has errors; nothing was written:\n${errors.map((e) => `  ${e}`).join('\n')}`);
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
