import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { pino } from 'pino';
import { isAlive, startEmbeddedPostgres } from '../../bootstrap/embedded-postgres.ts';
import { settle } from '../support/partial-upload.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OPENED = 'so that the postgres system user can reach';

async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}


describe('the embedded PostgreSQL shared by processes on one DATA_DIR', function () {
  this.timeout(120_000);
  // One cluster for the suite (initdb takes seconds); every test leaves it stopped.
  let dataDir: string;
  const servers: ServerProcess[] = [];

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-embedded-'));
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop('SIGTERM');
    // Whatever a test left running on its data directory.
    if (existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))) {
      const pid = await postmasterPid(dataDir);
      if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
      await settle(async () => !isAlive(pid), true).catch(() => undefined);
    }
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('refuses a second server, naming the first, which keeps serving; stopped after its PostgreSQL died, the first exits cleanly', async () => {
    const first = await startServer({ DATA_DIR: dataDir });
    servers.push(first);
    if (process.getuid?.() === 0) {
      // As root, what was opened to the postgres user is said (mkdtemp made DATA_DIR 0700); later starts say nothing.
      const opened = first.logs.filter((l) => l.includes(OPENED));
      expect(opened).to.have.length(1);
      expect((JSON.parse(opened[0]!) as { dirs: string[] }).dirs).to.include(dataDir);
    }
    const error = (await startServer({ DATA_DIR: dataDir }).catch((e: Error) => e)) as Error;
    expect(error.message).to.match(/^server exited with 1/);
    expect(error.message).to.include(`DATA_DIR: another Themes API server (pid ${first.child.pid}) runs on ${dataDir}`);
    expect((await fetch(`${first.url}/health/ready`)).status).to.equal(200);

    const pid = await postmasterPid(dataDir);
    process.kill(pid, 'SIGKILL');
    await settle(async () => !isAlive(pid), true);
    // It used to wait out its 10 s stop timeout for PostgreSQL's exit, and exit 1.
    expect(await first.stop('SIGTERM')).to.equal(0);
    expect(first.logs.join('\n')).to.include('"msg":"stopped"').and.not.to.include('did not finish in time');
  });

  it('a server that finds the cluster opened by a CLI (seed, migrate) waits for it to finish, then starts its own', async () => {
    // The CLI is another process; the server's side runs here.
    const cli = spawn(process.execPath, ['--import', 'tsx', 'tests/support/hold-embedded-postgres.ts', dataDir], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = once(cli, 'exit');
    await once(createInterface({ input: cli.stdout! }), 'line');
    const held = await postmasterPid(dataDir);

    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push((JSON.parse(line) as { msg: string }).msg) });
    const starting = startEmbeddedPostgres(dataDir, logger, 'server');
    await settle(async () => lines.some((l) => l.startsWith(`waiting for the seed or migrate run (pid ${cli.pid}) to finish with the embedded PostgreSQL`)), true);
    cli.stdin!.end();
    const postgres = await starting;
    try {
      expect((await exited)[0]).to.equal(0);
      expect(isAlive(held)).to.equal(false);
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      expect((await client.query('select 1 as one')).rows).to.deep.equal([{ one: 1 }]);
      await client.end();
    } finally {
      await postgres.stop();
    }
  });

  it('a PostgreSQL left running by a SIGKILLed server is adopted by the next one, and stopped with it', async () => {
    const killed = await startServer({ DATA_DIR: dataDir });
    const orphan = await postmasterPid(dataDir);
    await killed.stop('SIGKILL');
    expect(isAlive(orphan)).to.equal(true);

    const next = await startServer({ DATA_DIR: dataDir });
    expect(next.logs.join('\n')).to.include('adopting the embedded PostgreSQL');
    expect(next.logs.filter((l) => l.includes(OPENED))).to.deep.equal([]);
    expect(await postmasterPid(dataDir)).to.equal(orphan);
    expect((await fetch(`${next.url}/health/ready`)).status).to.equal(200);
    expect(await next.stop('SIGTERM')).to.equal(0);
    await settle(async () => !isAlive(orphan), true);
  });
});
