import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { pino } from 'pino';
import { isAlive, startEmbeddedPostgres, type PostgresUser } from '../../bootstrap/embedded-postgres.ts';
import { settle } from '../support/partial-upload.ts';
import { startServer } from '../support/server-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

/** Another process holding the cluster as the server or a CLI does, until its standard input closes. */
async function holder(dataDir: string, user: PostgresUser): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/hold-embedded-postgres.ts', dataDir, user], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  await once(createInterface({ input: child.stdout! }), 'line');
  return child;
}

/** A logger that keeps its messages. */
function capturingLogger() {
  const lines: { msg: string; dirs?: string[] }[] = [];
  return { logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string }) }), lines };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 as one')).rows[0]?.one === 1;
  } finally {
    await client.end();
  }
}

/**
 * The processes on one DATA_DIR: the server's side runs here (startEmbeddedPostgres as the server
 * calls it), the others are processes of their own, and the stop is the server process's.
 */
describe('the embedded PostgreSQL shared by processes on one DATA_DIR', function () {
  this.timeout(120_000);
  // One cluster for the suite (initdb takes seconds); every test leaves it stopped.
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-embedded-'));
  });
  afterEach(async () => {
    // Whatever a test left running on its data directory.
    if (existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))) {
      const pid = await postmasterPid(dataDir);
      if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
      await settle(async () => !isAlive(pid), true);
    }
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('a second server is refused, naming the first, which keeps its database', async () => {
    const log = capturingLogger();
    const first = await startEmbeddedPostgres(dataDir, log.logger, 'server');
    try {
      if (process.getuid?.() === 0) {
        // As root, what was opened to the postgres user is said (mkdtemp made DATA_DIR 0700).
        const opened = log.lines.filter((l) => l.msg.includes('so that the postgres system user can reach'));
        expect(opened).to.have.length(1);
        expect(opened[0]!.dirs).to.include(dataDir);
      }
      const error = (await startServer({ DATA_DIR: dataDir }).catch((e: Error) => e)) as Error;
      expect(error.message).to.match(/^server exited with 1/);
      expect(error.message).to.include(`DATA_DIR: another Themes API server (pid ${process.pid}) runs on ${dataDir}`);
      expect(await answers(first.url)).to.equal(true);
    } finally {
      await first.stop();
    }
    // Stopped with its owner: the lock and the cluster are gone.
    expect(existsSync(path.join(dataDir, 'server.pid'))).to.equal(false);
  });

  it('a server that finds the cluster opened by a CLI (seed, migrate) waits for it to finish, then starts its own', async () => {
    const cli = await holder(dataDir, 'cli');
    const exited = once(cli, 'exit');
    const held = await postmasterPid(dataDir);

    const log = capturingLogger();
    const starting = startEmbeddedPostgres(dataDir, log.logger, 'server');
    await settle(async () => log.lines.some((l) => l.msg === `waiting for the seed or migrate run (pid ${cli.pid}) to finish with the embedded PostgreSQL`), true);
    cli.stdin!.end();
    const postgres = await starting;
    try {
      expect((await exited)[0]).to.equal(0);
      expect(isAlive(held)).to.equal(false);
      expect(await answers(postgres.url)).to.equal(true);
    } finally {
      await postgres.stop();
    }
  });

  it('a PostgreSQL left running by a SIGKILLed server is adopted by the next one, and stopped with it', async () => {
    const killed = await holder(dataDir, 'server');
    const orphan = await postmasterPid(dataDir);
    killed.kill('SIGKILL');
    await once(killed, 'exit');
    expect(isAlive(orphan)).to.equal(true);

    const log = capturingLogger();
    const next = await startEmbeddedPostgres(dataDir, log.logger, 'server');
    expect(log.lines.map((l) => l.msg)).to.include(`adopting the embedded PostgreSQL (pid ${orphan}) that a process ended without stopping; it is stopped with this one`);
    // Opened to the postgres user once: a later start has nothing to say.
    expect(log.lines.filter((l) => l.msg.includes('so that the postgres system user can reach'))).to.deep.equal([]);
    expect(await postmasterPid(dataDir)).to.equal(orphan);
    expect(await answers(next.url)).to.equal(true);
    await next.stop();
    await settle(async () => !isAlive(orphan), true);
  });

  it('the server process stopped after its PostgreSQL died exits cleanly, with 0', async () => {
    const server = await startServer({ DATA_DIR: dataDir });
    const pid = await postmasterPid(dataDir);
    process.kill(pid, 'SIGKILL');
    await settle(async () => !isAlive(pid), true);
    // It used to wait out its 10 s stop timeout for PostgreSQL's exit, and exit 1.
    expect(await server.stop('SIGTERM')).to.equal(0);
    expect(server.logs.join('\n')).to.include('"msg":"stopped"').and.not.to.include('did not finish in time');
  });
});
