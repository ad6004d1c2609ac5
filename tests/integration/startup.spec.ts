import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../bootstrap/embedded-postgres.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';
import { freshDatabaseUrl } from '../support/services.ts';

/** Why the server refused to start: the error lines it printed (stderr), after "exited with 1". */
async function refusal(env: Record<string, string>): Promise<{ message: string; lines: string[] }> {
  const error = (await startServer(env).then(
    (server) => {
      void server.stop('SIGKILL');
      throw new Error('the server started');
    },
    (e: Error) => e,
  )) as Error;
  expect(error.message).to.match(/^server exited with 1/);
  const lines = error.message.split('\n').slice(1);
  return { message: lines.filter((l) => !l.startsWith('{')).join('\n').trim(), lines };
}

/** A TCP proxy to `target` that hangs up on its first `refusals` connections: a database container still starting. */
async function startingDatabase(target: URL, refusals: number): Promise<{ port: number; close(): void }> {
  let seen = 0;
  const server = createServer((client) => {
    if (++seen <= refusals) return void client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, close: () => server.close() };
}

describe('start-up: failures say what to fix, in one line', function () {
  this.timeout(120_000);
  let dataDir: string;
  let server: ServerProcess | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-startup-'));
  });
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a port in use is reported before the embedded PostgreSQL is created', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const { message } = await refusal({ DATA_DIR: dataDir, PORT: String(port) });
      expect(message).to.equal(`PORT: 127.0.0.1:${port} is already in use; stop what uses it, or set PORT to another port (0 picks a free one)`);
      expect(existsSync(path.join(dataDir, 'postgres'))).to.equal(false);
    } finally {
      taken.close();
    }
  });

  it('an unreachable DATABASE_URL is retried with backoff, then named, without its password', async () => {
    const port = await freePort();
    const { message, lines } = await refusal({ DATABASE_URL: `postgres://themes:s3cret@127.0.0.1:${port}/themes`, STARTUP_TIMEOUT: '2s', DATA_DIR: dataDir });
    expect(message).to.match(new RegExp(`^DATABASE_URL: PostgreSQL at 127\\.0\\.0\\.1:${port} did not answer within 2s \\(.*ECONNREFUSED.*\\); check DATABASE_URL and that it is running$`));
    const retries = lines.filter((l) => l.includes('waiting for PostgreSQL'));
    expect(retries.length).to.be.at.least(2);
    expect(lines.join('\n')).not.to.include('s3cret');
  });

  it('a database that is not ready yet is waited for', async () => {
    const target = new URL(await freshDatabaseUrl());
    const database = await startingDatabase(target, 2);
    const url = new URL(target);
    url.port = String(database.port);
    try {
      server = await startServer({ DATABASE_URL: url.toString(), STARTUP_TIMEOUT: '30s', DATA_DIR: dataDir, JWT_SECRET: 'a-test-secret-that-is-long-enough-to-use' });
      expect(server.logs.filter((l) => l.includes('waiting for PostgreSQL'))).to.have.length(2);
      expect((await fetch(`${server.url}/health/ready`)).status).to.equal(200);
      expect(await server.stop('SIGTERM')).to.equal(0);
    } finally {
      database.close();
    }
  });

  it('an unreachable S3_ENDPOINT is named', async () => {
    const port = await freePort();
    const { message } = await refusal({
      DATABASE_URL: await freshDatabaseUrl(),
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      STARTUP_TIMEOUT: '1s',
      DATA_DIR: dataDir,
    });
    expect(message).to.match(new RegExp(`^S3_ENDPOINT: S3 at http://127\\.0\\.0\\.1:${port} did not answer within 1s \\(.*\\); check S3_ENDPOINT and that it is running$`));
  });

  it('the start-up line gives the URLs and the next step', async () => {
    server = await startServer({ ADAPTERS: 'memory' });
    const line = JSON.parse(server.logs.find((l) => l.includes('Themes API listening'))!) as Record<string, string>;
    expect(line).to.include({ api: `${server.url}/api/v1`, docs: `${server.url}/docs` });
    expect(line.msg).to.include(`docs ${server.url}/docs`);
    expect(line.next).to.match(/npm run seed .*npm run create-admin/);
    expect((await fetch(line.docs!)).status).to.equal(200);
  });
});
