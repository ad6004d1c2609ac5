import { SYSTEM } from '../application/actor.ts';
import { CreateUser, CreateUserInput } from '../application/users/create-user.ts';
import { parseInput } from '../application/validation.ts';
import { DomainError, ValidationFailed } from '../domain/errors.ts';
import { CommandFailed, firstLineOf, parseCommandLine, promptHidden, usageError } from './cli.ts';
import { ConfigError } from './config.ts';
import { createRuntime } from './container.ts';
import { commandConfig } from './env-file.ts';
import { createLogger } from './logger.ts';

const USAGE = `
Usage: npm run create-admin -- --email <email> --username <username> [--display-name <name>]

Creates an admin account in the configured database (DATABASE_URL, or the embedded PostgreSQL in
DATA_DIR; it may run while the server runs). The creation is audited.

The password is never taken from the command line (other users can read it there, and shells keep
it in their history): it is asked at the terminal, without echo, twice; or, when standard input is
not a terminal, it is its first line:
  printf '%s\\n' "$ADMIN_PASSWORD" | npm run create-admin -- --email ada@example.com --username ada

Options:
  --email <email>        the admin's email address (required)
  --username <username>  3–32 of a-z, 0-9, _ and - (required)
  --display-name <name>  shown instead of the username
  -h, --help             print this help
`;

async function main(): Promise<void> {
  const options = parseCommandLine(USAGE, { email: { type: 'string' }, username: { type: 'string' }, 'display-name': { type: 'string' } });
  if (!options.email || !options.username) usageError('--email and --username are required', USAGE);
  const config = commandConfig();
  if (config.database.kind === 'memory') throw new CommandFailed('ADAPTERS=memory keeps nothing: an admin created now would be gone when this command exits');

  const account = { email: options.email, username: options.username, displayName: options['display-name'], role: 'admin' as const };
  // The email and username are checked before the password is asked for, and everything before the database is opened.
  parseInput(CreateUserInput.omit({ password: true }), account);
  const password = await readPassword();
  const input = parseInput(CreateUserInput, { ...account, password });

  const runtime = await createRuntime(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, config.env));
  try {
    const admin = await runtime.scope(() => runtime.container.get(CreateUser).execute(SYSTEM, input));
    process.stdout.write(`admin created: ${admin.username} <${admin.email}>\n`);
  } finally {
    await runtime.close();
  }
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOf(process.stdin);
  const password = await promptHidden('Password: ');
  if ((await promptHidden('Password again: ')) !== password) throw new CommandFailed('the two passwords differ');
  return password;
}

function explain(error: DomainError): string {
  if (error instanceof ValidationFailed) return error.errors.map((e) => `${e.path}: ${e.message}`).join('\n');
  return error.message;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof DomainError) console.error(`no admin was created:\n${explain(error)}`);
    else if (error instanceof CommandFailed) console.error(`no admin was created: ${error.message}`);
    else console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
