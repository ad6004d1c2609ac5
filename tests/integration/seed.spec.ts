import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PLANNER_ROWS } from '../support/planner.ts';
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

  it('seeds the demo catalogue with covers while the server runs, and a second run changes nothing', async () => {
    server = await startServer({ DATA_DIR: dataDir });
    const dry = await seed({ DATA_DIR: dataDir }, '--dry-run');
    expect(dry.code, dry.out).to.equal(0);
    expect(dry.out).to.include('is valid: 5 users, 6 categories, 15 themes');

    const first = await seed({ DATA_DIR: dataDir });
    expect(first.code, first.out).to.equal(0);
    expect(first.out).to.include('[26/26]');
    expect(first.out).to.include('themes     15 created, 0 updated, 0 unchanged');
    // Analysed after the load: too few rows for autovacuum to do it (it waits for 50 changes).
    expect(await plannerRows(dataDir)).to.deep.include({ users: 5, categories: 6, themes: 15 });

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
    expect(second.out).to.include('images     0 created, 0 updated, 15 unchanged');
  });
});
