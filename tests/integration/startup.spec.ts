import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createRuntime } from '../../bootstrap/container.ts';
import { StartupError } from '../../bootstrap/dependencies.ts';
import { freePort } from '../../bootstrap/embedded-postgres.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { testConfig } from '../support/runtime.ts';
import { startServer } from '../support/server-process.ts';
import { freshDatabaseUrl } from '../support/services.ts';

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

/** A logger that keeps its lines' messages. */
function capturingLogger() {
  const lines: string[] = [];
  return { logger: pino({ level: 'info' }, { write: (line: string) => void lines.push((JSON.parse(line) as { msg: string }).msg) }), lines };
}

describe('start-up: failures say what to fix, in one line', function () {
  this.timeout(60_000);
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-startup-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('the server process: a port in use is reported in one line, before the embedded PostgreSQL is created', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const error = (await startServer({ DATA_DIR: dataDir, PORT: String(port) }).catch((e: Error) => e)) as Error;
      expect(error.message.split('\n').slice(1).join('\n').trim()).to.equal(
        `PORT: 127.0.0.1:${port} is already in use; stop what uses it, or set PORT to another port (0 picks a free one)`,
      );
      expect(existsSync(path.join(dataDir, 'postgres'))).to.equal(false);
    } finally {
      taken.close();
    }
  });

  it('an unreachable DATABASE_URL is retried with backoff, then named, without its password', async () => {
    const port = await freePort();
    const log = capturingLogger();
    const config = testConfig({ DATABASE_URL: `postgres://themes:s3cret@127.0.0.1:${port}/themes`, STARTUP_TIMEOUT: '1500ms', DATA_DIR: dataDir });
    const error = await rejectionOf(createRuntime(config, log.logger, { clock: new FixedClock(undefined, 1) }));
    expect(error).to.be.instanceOf(StartupError);
    expect(error.message).to.match(
      new RegExp(`^DATABASE_URL: PostgreSQL at 127\\.0\\.0\\.1:${port} did not answer within 1500ms \\(.*ECONNREFUSED.*\\); check DATABASE_URL and that it is running$`),
    );
    expect(log.lines.filter((l) => l.startsWith('waiting for PostgreSQL')).length).to.be.at.least(2);
    expect(error.message + log.lines.join('\n')).not.to.include('s3cret');
  });

  it('a DATABASE_URL whose password is refused is named at once, not waited for', async () => {
    const url = new URL(await freshDatabaseUrl());
    url.password = 'wrong';
    const log = capturingLogger();
    const error = await rejectionOf(createRuntime(testConfig({ DATABASE_URL: url.toString(), STARTUP_TIMEOUT: '30s', DATA_DIR: dataDir }), log.logger, { clock: new FixedClock(undefined, 1) }));
    expect(error).to.be.instanceOf(StartupError);
    expect(error.message).to.match(/^DATABASE_URL: PostgreSQL at \S+:\d+ refused the connection \(password authentication failed for user "postgres"\)$/);
    expect(log.lines.filter((l) => l.startsWith('waiting for'))).to.deep.equal([]);
  });

  it('a database that is not ready yet is waited for', async () => {
    const target = new URL(await freshDatabaseUrl());
    const database = await startingDatabase(target, 2);
    const url = new URL(target);
    url.port = String(database.port);
    const log = capturingLogger();
    try {
      const runtime = await createRuntime(testConfig({ DATABASE_URL: url.toString(), STARTUP_TIMEOUT: '30s', DATA_DIR: dataDir }), log.logger, { clock: new FixedClock(undefined, 1) });
      await runtime.close();
      expect(log.lines.filter((l) => l.startsWith('waiting for PostgreSQL'))).to.have.length(2);
    } finally {
      database.close();
    }
  });

  it('an unreachable S3_ENDPOINT is named', async () => {
    const port = await freePort();
    const config = testConfig({
      DATABASE_URL: await freshDatabaseUrl(),
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      STARTUP_TIMEOUT: '500ms',
      DATA_DIR: dataDir,
    });
    const error = await rejectionOf(createRuntime(config, capturingLogger().logger, { clock: new FixedClock(undefined, 1) }));
    expect(error).to.be.instanceOf(StartupError);
    expect(error.message).to.match(new RegExp(`^S3_ENDPOINT: S3 at http://127\\.0\\.0\\.1:${port} did not answer within 500ms \\(.*\\); check S3_ENDPOINT and that it is running$`));
  });
});
