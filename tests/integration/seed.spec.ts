import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PLANNER_ROWS } from '../support/planner.ts';
import { freshDatabaseUrl } from '../support/services.ts';
import { runScript, startServer, type ScriptRun, type ServerProcess } from '../support/server-process.ts';

function seed(env: Record<string, string>, ...args: string[]): Promise<ScriptRun> {
  return runScript('seed', args, { env });
}

/** What the planner believes each table of the embedded database holds (from its last ANALYZE). */
async function plannerRows(dataDir: string): Promise<Record<string, number>> {
  const { port, password } = JSON.parse(await readFile(path.join(dataDir, 'postgres.json'), 'utf8')) as { port: number; password: string };
  const client = new pg.Client({ connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/themes` });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string; rows: number }>(PLANNER_ROWS);
    return Object.fromEntries(rows.map((r) => [r.table, r.rows]));
  } finally {
    await client.end();
  }
}

/** A seed file with one theme whose owner, ada, is not in the file. */
async function ownedByAda(dir: string): Promise<string> {
  const file = path.join(dir, 'ada.yaml');
  await writeFile(file, 'themes:\n  - { name: Ada Blue, owner: ada, colors: [{ name: blue, hex: "#0000ff" }] }\n');
  return file;
}

describe('the seed CLI on the embedded default', function () {
  this.timeout(120_000);
  let dataDir: string;
  let server: ServerProcess | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-seed-'));
  });
  afterEach(async () => {
    await server?.stop('SIGTERM');
    server = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a broken file, naming each entry and field, and writes nothing', async () => {
    const file = path.join(dataDir, 'broken.yaml');
    await writeFile(
      file,
      [
        'users:',
        '  - { email: root@example.com, username: root, password: "long enough", role: admin }',
        '  - { email: not-an-email, username: x, password: short }',
        'themes:',
        '  - { name: Orphan, owner: ghost, category: nowhere, colors: [{ name: a, hex: "#zzzzzz" }] }',
        '  - { name: Pictured, owner: root, colors: [{ name: a, hex: "#000000" }], images: [{ file: missing.png }] }',
      ].join('\n'),
    );
    const broken = await seed({ DATA_DIR: dataDir }, '--file', file);
    expect(broken.code).to.equal(1);
    expect(broken.out).to.include('nothing was written');
    expect(broken.out).to.include('users[1] (x): email: must be an email address');
    expect(broken.out).to.include('users[1] (x): password: must be at least 8 characters');
    expect(broken.out).to.include('themes[0] (Orphan): colors.0.hex: must be a #RRGGBB colour');

    // Fixed shapes, broken references: still nothing written.
    await writeFile(
      file,
      [
        'users:',
        '  - { email: root@example.com, username: root, password: "long enough", role: admin }',
        'themes:',
        '  - { name: Orphan, owner: ghost, category: nowhere, colors: [{ name: a, hex: "#000000" }] }',
        '  - { name: Pictured, owner: root, colors: [{ name: a, hex: "#000000" }], images: [{ file: missing.png }] }',
      ].join('\n'),
    );
    const references = await seed({ DATA_DIR: dataDir }, '--file', file);
    expect(references.code).to.equal(1);
    expect(references.out).to.include('themes[0] (Orphan): owner: no user "ghost"');
    expect(references.out).to.include('themes[0] (Orphan): category: no category "nowhere"');
    expect(references.out).to.match(/themes\[1\] \(Pictured\): images\.0\.file: cannot read .*missing\.png/);

    server = await startServer({ DATA_DIR: dataDir });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'root', password: 'long enough' }),
    });
    expect(login.status).to.equal(401);
  });

  it('seeds the demo catalogue (swatch cards as covers) while the server runs (a dry run before writes nothing and looks references up in its database), and a second run changes nothing', async () => {
    server = await startServer({ DATA_DIR: dataDir });
    // A dry run against the running server's database writes nothing: the real run below still creates everything.
    const dry = await seed({ DATA_DIR: dataDir }, '--dry-run');
    expect(dry.code, dry.out).to.equal(0);
    expect(dry.out).to.include('is valid: 5 users, 6 categories, 15 themes. References checked against the file and the embedded PostgreSQL running on DATA_DIR');

    const first = await seed({ DATA_DIR: dataDir });
    expect(first.code, first.out).to.equal(0);
    expect(first.out).to.include('[26/26]');
    expect(first.out).to.include('themes     15 created, 0 updated, 0 unchanged');
    // Analysed after the load: too few rows for autovacuum to do it (it waits for 50 changes).
    expect(await plannerRows(dataDir)).to.deep.include({ users: 5, categories: 6, themes: 15 });

    // ada is not in this file, only in the database: the dry run finds her there, and adds no theme.
    const adaOnly = await seed({ DATA_DIR: dataDir }, '--dry-run', '--file', await ownedByAda(dataDir));
    expect(adaOnly.code, adaOnly.out).to.equal(0);
    expect(adaOnly.out).to.include('is valid: 0 users, 0 categories, 1 themes');

    const themes = (await (await fetch(`${server.url}/api/v1/themes?limit=100`)).json()) as { items: { name: string; cover: { url: string } | null }[] };
    expect(themes.items).to.have.length(14);
    for (const theme of themes.items) expect(theme.cover, theme.name).to.not.equal(null);
    const cover = await fetch(themes.items[0]!.cover!.url.replace(/^https?:\/\/[^/]+/, server.url));
    expect(cover.status).to.equal(200);
    expect(cover.headers.get('content-type')).to.equal('image/png');
    const categories = (await (await fetch(`${server.url}/api/v1/categories`)).json()) as { items: unknown[] };
    expect(categories.items).to.have.length(6);

    const second = await seed({ DATA_DIR: dataDir });
    expect(second.code, second.out).to.equal(0);
    expect(second.out).to.include('nothing to do');
    // The seed file names no image files: every cover is the theme's swatch card.
    expect(second.out).to.include('images     0 created, 0 updated, 0 unchanged');
  });

  describe('--dry-run writes nothing at all', () => {
    it('with no database running: no DATA_DIR, no cluster, no secret; references checked against the file, and said so', async () => {
      const untouched = path.join(dataDir, 'never-created');
      const valid = await seed({ DATA_DIR: untouched }, '--dry-run');
      expect(valid.code, valid.out).to.equal(0);
      expect(valid.out).to.include('is valid: 5 users, 6 categories, 15 themes. References checked against the file only (no embedded PostgreSQL is running on DATA_DIR');
      expect(valid.out).to.include('Nothing written (--dry-run)');

      const broken = await seed({ DATA_DIR: untouched }, '--dry-run', '--file', await ownedByAda(dataDir));
      expect(broken.code).to.equal(1);
      expect(broken.out).to.include('themes[0] (Ada Blue): owner: no user "ada" in the file or the database');
      expect(broken.out).to.include('References were checked against the file only');
      expect(existsSync(untouched)).to.equal(false);
    });

    it('with DATABASE_URL: no migration either, even when the database has no tables yet', async () => {
      const url = await freshDatabaseUrl();
      const env = { DATABASE_URL: url, DATA_DIR: path.join(dataDir, 'never-created') };
      const valid = await seed(env, '--dry-run');
      expect(valid.code, valid.out).to.equal(0);
      expect(valid.out).to.include('References checked against the file and the database at DATABASE_URL');
      const run = await seed(env, '--dry-run', '--file', await ownedByAda(dataDir));
      expect(run.code, run.out).to.equal(1);
      expect(run.out).to.include('owner: no user "ada" in the file or the database');
      expect(run.out).to.include('References were checked against the file only (the database has no tables yet)');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        expect((await client.query(`select tablename from pg_tables where schemaname = current_schema()`)).rows).to.deep.equal([]);
      } finally {
        await client.end();
      }
      expect(existsSync(path.join(dataDir, 'never-created'))).to.equal(false);
    });
  });
});
