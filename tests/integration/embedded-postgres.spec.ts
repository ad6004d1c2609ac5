import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isAlive } from '../../bootstrap/embedded-postgres.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OPENED = 'so that the postgres system user can reach';

async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `npm run seed` as a process of its own. */
function runSeed(env: Record<string, string>): { exited: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bootstrap/seed.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BCRYPT_COST: '4', ...env },
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return { exited: new Promise((resolve) => child.on('exit', (code) => resolve({ code, out }))) };
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
      await until(() => !isAlive(pid), 'the test PostgreSQL to stop').catch(() => undefined);
    }
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('refuses a second server, naming the first, which keeps serving', async () => {
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
  });

  it('a server started while the seed CLI has the database open waits for it, then serves what it wrote', async () => {
    const seed = runSeed({ DATA_DIR: dataDir });
    await until(() => existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), 'the seed to start PostgreSQL', 60_000);
    const server = await startServer({ DATA_DIR: dataDir });
    servers.push(server);
    const seeded = await seed.exited;
    expect(seeded.code, seeded.out).to.equal(0);
    expect(server.logs.join('\n')).to.include('waiting for the seed or migrate run');
    const themes = (await (await fetch(`${server.url}/api/v1/themes?limit=100`)).json()) as { items: unknown[] };
    expect(themes.items).to.have.length(14);
    expect((await fetch(`${server.url}/health/ready`)).status).to.equal(200);
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
    await until(() => !isAlive(orphan), 'the adopted PostgreSQL to stop', 15_000);
  });

  it('SIGTERM after the embedded PostgreSQL died exits at once, with 0', async () => {
    const server = await startServer({ DATA_DIR: dataDir });
    servers.push(server);
    const pid = await postmasterPid(dataDir);
    process.kill(pid, 'SIGKILL');
    await until(() => !isAlive(pid), 'PostgreSQL to die');
    const started = Date.now();
    expect(await server.stop('SIGTERM')).to.equal(0);
    expect(Date.now() - started).to.be.below(5000);
  });

});
