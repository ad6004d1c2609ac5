import { expect } from 'chai';
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { anonymous, SYSTEM } from '../../application/actor.ts';
import { ListAuditEvents } from '../../application/admin/list-audit-events.ts';
import { Login } from '../../application/auth/login.ts';
import { AuthenticateAccessToken } from '../../application/auth/authenticate-access-token.ts';
import { runScript, scriptArguments, startServer, type ServerProcess } from '../support/server-process.ts';
import { testRuntime } from '../support/runtime.ts';
import { freshDatabaseUrl } from '../support/services.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const COMMANDS = ['start', 'seed', 'migrate', 'create-admin'];
const STACK_FRAME = /^\s+at /m;

describe('every command explains itself', function () {
  this.timeout(60_000);
  let scratch: string;
  let dataDir: string;

  before(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'themes-cli-'));
    // Never created: asking for help or misusing a command starts nothing and writes nothing.
    dataDir = path.join(scratch, 'data');
  });
  after(async () => {
    expect(existsSync(dataDir), 'DATA_DIR').to.equal(false);
    await rm(scratch, { recursive: true, force: true });
  });

  for (const command of COMMANDS) {
    it(`npm run ${command}: --help prints the usage and exits 0; an unknown flag is named, with the usage, exit 2 and no stack trace`, async () => {
      const [help, unknown] = await Promise.all([
        runScript(command, ['--help'], { env: { DATA_DIR: dataDir } }),
        runScript(command, ['--no-such-flag'], { env: { DATA_DIR: dataDir } }),
      ]);
      expect(help.code, help.out).to.equal(0);
      expect(help.stdout).to.match(new RegExp(`^Usage: npm (run )?${command}`));
      expect(help.stdout).to.include('-h, --help');
      expect(help.stderr).to.equal('');

      expect(unknown.code, unknown.out).to.equal(2);
      expect(unknown.stderr).to.include("Unknown option '--no-such-flag'");
      expect(unknown.stderr).to.include('Usage: npm');
      expect(unknown.stderr).to.not.match(STACK_FRAME);
      expect(unknown.stdout).to.equal('');
    });
  }

  it('a stray argument, a flag without its value or a missing required flag is a usage error too', async () => {
    const misuses = [
      ['migrate', 'now'],
      ['seed', '--file'],
      ['create-admin', '--email', 'root@example.com'],
    ];
    const runs = await Promise.all(misuses.map(([command, ...args]) => runScript(command!, args, { env: { DATA_DIR: dataDir } })));
    for (const [i, run] of runs.entries()) {
      expect(run.code, `${misuses[i]!.join(' ')}: ${run.out}`).to.equal(2);
      expect(run.stderr).to.include('Usage: npm');
      expect(run.stderr).to.not.match(STACK_FRAME);
    }
  });
});

describe('npm run create-admin', function () {
  this.timeout(60_000);
  let env: Record<string, string>;
  let scratch: string;

  beforeEach(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'themes-admin-'));
    env = { DATABASE_URL: await freshDatabaseUrl(), JWT_SECRET: 'a-test-secret-that-is-long-enough-to-use', DATA_DIR: scratch };
  });
  afterEach(() => rm(scratch, { recursive: true, force: true }));

  const createAdmin = (input: string, ...args: string[]) => runScript('create-admin', args.length ? args : ['--email', 'Root@Example.com', '--username', 'root'], { env, input });

  it('reads the password from standard input; the admin signs in, and its creation is audited', async () => {
    const run = await createAdmin('correct horse battery\nignored second line\n');
    expect(run.code, run.out).to.equal(0);
    expect(run.stdout).to.equal('admin created: root <root@example.com>\n');

    const runtime = await testRuntime({ env });
    try {
      const session = await runtime.container.get(Login).execute(anonymous(), { login: 'root', password: 'correct horse battery' });
      expect((await runtime.container.get(AuthenticateAccessToken).execute(session.accessToken)).role).to.equal('admin');
      const audit = await runtime.container.get(ListAuditEvents).execute(SYSTEM, { action: 'user.registered' });
      expect(audit.items.map((e) => e.details)).to.deep.equal([{ username: 'root', role: 'admin' }]);
    } finally {
      await runtime.close();
    }
  });

  it('refuses a weak password, a taken email, an empty standard input and ADAPTERS=memory, saying why, without a stack trace', async () => {
    const cases: [string, string[], Record<string, string>, RegExp][] = [
      ['short\n', [], {}, /no admin was created:\npassword: must be at least 8 characters/],
      ['', [], {}, /no admin was created:\npassword: must be at least 8 characters/],
      ['correct horse battery\n', ['--email', 'not-an-email', '--username', 'root'], {}, /no admin was created:\nemail: must be an email address/],
      ['correct horse battery\n', [], { ADAPTERS: 'memory' }, /ADAPTERS=memory keeps nothing/],
    ];
    const runs = await Promise.all(
      cases.map(([input, args, more]) => runScript('create-admin', args.length ? args : ['--email', 'root@example.com', '--username', 'root'], { env: { ...env, ...more }, input })),
    );
    for (const [i, run] of runs.entries()) {
      expect(run.code, run.out).to.equal(1);
      expect(run.stderr).to.match(cases[i]![3]);
      expect(run.stderr).to.not.match(STACK_FRAME);
    }
    expect((await createAdmin('correct horse battery\n')).code).to.equal(0);
    const taken = await createAdmin('another password\n', '--email', 'root@example.com', '--username', 'other');
    expect(taken.code).to.equal(1);
    expect(taken.stderr).to.include('no admin was created:\nan account with this email already exists');
  });

  it('never takes the password from the command line', async () => {
    const run = await createAdmin('', '--email', 'root@example.com', '--username', 'root', '--password', 'correct horse battery');
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("Unknown option '--password'");
    expect(run.stderr).to.include('never taken from the command line');
  });

  it('asks at a terminal twice, echoing nothing, and refuses two different passwords', async function () {
    if (spawnSync('script', ['--version']).status !== 0) return this.skip(); // util-linux's script gives the command a terminal
    const atTerminal = (answers: string[]) =>
      new Promise<{ code: number | null; screen: string }>((resolve) => {
        const command = [process.execPath, ...scriptArguments('create-admin'), '--email', 'tty@example.com', '--username', 'tty'].map((a) => `'${a}'`).join(' ');
        const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BCRYPT_COST: '4', ...env } });
        let screen = '';
        let asked = 0;
        child.stdout.on('data', (chunk: Buffer) => {
          screen += chunk.toString();
          // Typed only once the prompt shows, as a person would.
          const prompts = screen.split('Password').length - 1;
          if (prompts > asked && answers[asked] !== undefined) child.stdin.write(`${answers[asked++]}\r`);
        });
        child.once('exit', (code) => resolve({ code, screen }));
      });

    const mismatch = await atTerminal(['first password', 'second password']);
    expect(mismatch.code, mismatch.screen).to.equal(1);
    expect(mismatch.screen).to.include('the two passwords differ');

    const typed = await atTerminal(['secret at the terminal', 'secret at the terminal']);
    expect(typed.code, typed.screen).to.equal(0);
    expect(typed.screen).to.include('Password: ').and.include('Password again: ').and.include('admin created: tty <tty@example.com>');
    expect(typed.screen).to.not.include('secret');
  });
});

describe('FIRST_ADMIN_* when the server starts', function () {
  this.timeout(120_000);
  let env: Record<string, string>;
  let scratch: string;
  let server: ServerProcess | undefined;
  const first = { FIRST_ADMIN_EMAIL: 'root@example.com', FIRST_ADMIN_USERNAME: 'root', FIRST_ADMIN_PASSWORD: 'correct horse battery' };
  const login = (password: string) =>
    fetch(`${server!.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'root', password }) });

  beforeEach(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'themes-first-admin-'));
    env = { DATABASE_URL: await freshDatabaseUrl(), JWT_SECRET: 'a-test-secret-that-is-long-enough-to-use', DATA_DIR: scratch };
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await rm(scratch, { recursive: true, force: true });
  });

  it('creates the admin on the first start only: a restart with another password changes nothing', async () => {
    server = await startServer({ ...env, ...first });
    const signedIn = await login('correct horse battery');
    expect(signedIn.status).to.equal(200);
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    expect((await fetch(`${server.url}/api/v1/admin/users`, { headers: { authorization: `Bearer ${accessToken}` } })).status).to.equal(200);
    expect(await server.stop()).to.equal(0);

    server = await startServer({ ...env, ...first, FIRST_ADMIN_PASSWORD: 'a newer password' });
    expect((await login('correct horse battery')).status).to.equal(200);
    expect((await login('a newer password')).status).to.equal(401);
  });

  it('stops, naming FIRST_ADMIN_EMAIL, when an account that is not an admin already has the address', async () => {
    server = await startServer(env);
    const registered = await fetch(`${server.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'root@example.com', username: 'squatter', password: 'correct horse battery' }),
    });
    expect(registered.status).to.equal(201);
    await server.stop();
    server = undefined;

    const error = await startServer({ ...env, ...first }).catch((e: Error) => e);
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.match(/exited with 1[\s\S]*FIRST_ADMIN_EMAIL: there is no admin yet, and an account that is not an admin already has this email/);
  });
});
