/**
 * Reads against a hand-written Express + pg server, side by side in one run (this machine is
 * shared and noisy: only ratios mean something). The API runs compiled, as `npm start` runs it, on
 * the embedded default in a temporary DATA_DIR, with 2,000 published themes (100 with covers, 20
 * tags); the yardstick (bench/baseline-server.ts) answers the same JSON from the same database with
 * one statement per request. Each read runs 8 s at 64 connections (autocannon), after a 2 s warm-up,
 * with the API's cache on, then off.
 *
 *   npm run bench -- reads             the table
 *   npm run bench -- reads --profile   the same, with a CPU profile of the API (node --cpu-prof) in a temp folder
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import sharp from 'sharp';
import { runningEmbeddedPostgresUrl } from '../bootstrap/embedded-postgres.ts';
import { build, start, startArguments, type Server } from './servers.ts';

const SECONDS = 8;
const WARMUP_SECONDS = 2;
const CONNECTIONS = 64;
const THEMES = 2000;
const COVERS = 100;
const TAGS = 20;
const DETAIL_IDS = 200;

type Measure = { rps: number; p99: number; errors: number };
type Read = { name: string; target: number; paths: string[]; token?: string };

async function json(url: string, init: RequestInit & { token?: string } = {}): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) };
  const res = await fetch(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
  if (res.status >= 400) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
}

/** 2,000 published themes, 20 tags, 100 covers, a few favourites of the reader, through the API itself. */
async function load(api: string): Promise<{ token: string; ids: string[] }> {
  const session = await json(`${api}/auth/register`, { method: 'POST', body: JSON.stringify({ email: 'bench@example.com', username: 'bench', password: 'benchmark password' }) });
  const token = session.accessToken as string;
  const ids: string[] = [];
  const hues = ['#0b3d91', '#e0f7fa', '#ff6f61', '#2e8b57', '#ffd700', '#6a5acd'];
  for (let start = 0; start < THEMES; start += 16) {
    const batch = Array.from({ length: Math.min(16, THEMES - start) }, (_, k) => start + k);
    ids.push(
      ...(await Promise.all(
        batch.map(async (i) => {
          const theme = await json(`${api}/themes`, {
            method: 'POST',
            token,
            body: JSON.stringify({
              name: `Bench theme ${i}`,
              description: `A palette for measuring, number ${i}`,
              status: 'published',
              tags: [`t${i % TAGS}`, `group${i % 7}`],
              colors: [0, 1, 2, 3].map((k) => ({ name: `c${k}`, hex: hues[(i + k) % hues.length]!, ...(k === 0 ? { role: 'primary' } : {}) })),
            }),
          });
          return theme.id as string;
        }),
      )),
    );
  }
  const png = await sharp({ create: { width: 64, height: 40, channels: 3, background: '#3366cc' } }).png().toBuffer();
  for (const id of ids.filter((_, i) => i % (THEMES / COVERS) === 0)) {
    const form = new FormData();
    form.append('kind', 'cover');
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'cover.png');
    const res = await fetch(`${api}/themes/${id}/images`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    if (res.status !== 201) throw new Error(`cover upload: ${res.status}`);
  }
  // The reader favourites some of the newest themes: the signed-in page carries flags to set.
  for (const id of ids.slice(-10, -5)) await json(`${api}/themes/${id}/favorite`, { method: 'PUT', token });
  return { token, ids };
}

async function measure(base: string, read: Read, seconds: number): Promise<Measure> {
  let next = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    headers: read.token ? { authorization: `Bearer ${read.token}` } : {},
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: read.paths[next++ % read.paths.length]! }) }],
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** The same items from both servers (the cursor aside: each seals its own). */
async function sameJson(api: string, baseline: string, read: Read): Promise<void> {
  const headers: Record<string, string> = read.token ? { authorization: `Bearer ${read.token}` } : {};
  const [ours, theirs] = await Promise.all([api, baseline].map(async (base) => (await fetch(base + read.paths[0], { headers })).json() as Promise<Record<string, unknown>>));
  const strip = (body: Record<string, unknown>) => JSON.stringify({ ...body, nextCursor: body.nextCursor ? 'a cursor' : null });
  if (strip(ours!) !== strip(theirs!)) throw new Error(`the servers answer ${read.paths[0]} differently:\n${strip(ours!).slice(0, 400)}\n${strip(theirs!).slice(0, 400)}`);
}

export async function reads(): Promise<void> {
  const profile = process.argv.includes('--profile');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-bench-reads-'));
  const profileDir = profile ? await mkdtemp(path.join(os.tmpdir(), 'themes-bench-profile-')) : undefined;
  await build();
  const apiEnv = (cache: 'on' | 'off') => ({ DATA_DIR: dataDir, CACHE: cache, PUBLIC_URL: 'http://bench.test' });
  const servers: Server[] = [];
  try {
    const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    let api = await start('api', startArguments(nodeFlags), apiEnv('on'), '/health/live');
    servers.push(api);
    const started = Date.now();
    const { token, ids } = await load(`${api.url}/api/v1`);
    console.log(`loaded ${THEMES} themes (${COVERS} with covers, ${TAGS} tags) through the API in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The API's embedded PostgreSQL, which the yardstick shares.
    const databaseUrl = (await runningEmbeddedPostgresUrl(dataDir))!;
    const sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    await sql.query('analyze');
    await sql.end();
    const jwtSecret = (await readFile(path.join(dataDir, 'jwt-secret'), 'utf8')).trim();
    const baseline = await start(
      'baseline',
      ['--import', 'tsx', 'bench/baseline-server.ts'],
      { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret, PUBLIC_URL: 'http://bench.test', NODE_ENV: 'production' },
      '/api/v1/themes?limit=1',
    );
    servers.push(baseline);

    const newest = [...ids].reverse();
    const readsToRun: Read[] = [
      { name: 'GET /themes?limit=20 (anonymous, same page)', target: 2.0, paths: ['/api/v1/themes?limit=20'] },
      { name: 'same, signed in', target: 1.0, paths: ['/api/v1/themes?limit=20'], token },
      { name: 'GET /themes?limit=20&tag=tN, 20 tags in turn', target: 1.0, paths: Array.from({ length: TAGS }, (_, n) => `/api/v1/themes?limit=20&tag=t${n}`) },
      { name: 'GET /themes/{id}, 200 ids in turn', target: 1.0, paths: newest.slice(0, DETAIL_IDS).map((id) => `/api/v1/themes/${id}`) },
    ];
    for (const read of readsToRun) await sameJson(api.url, baseline.url, read);

    const results = new Map<string, { baseline: Measure; on?: Measure; off?: Measure }>();
    for (const read of readsToRun) {
      for (const [server, key] of [
        [baseline, 'baseline'],
        [api, 'on'],
      ] as const) {
        await measure(server.url, read, WARMUP_SECONDS);
        const m = await measure(server.url, read, SECONDS);
        results.set(read.name, { ...(results.get(read.name) as { baseline: Measure }), [key]: m });
      }
    }
    await api.stop();
    servers.splice(servers.indexOf(api), 1);
    api = await start('api-cache-off', startArguments(nodeFlags), apiEnv('off'), '/health/live');
    servers.push(api);
    for (const read of readsToRun) {
      await measure(api.url, read, WARMUP_SECONDS);
      results.get(read.name)!.off = await measure(api.url, read, SECONDS);
    }

    const row = (cells: string[]) => console.log(`| ${cells.join(' | ')} |`);
    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each after ${WARMUP_SECONDS} s of warm-up; ratio = API req/s ÷ hand-written req/s in this run\n`);
    row(['read', 'hand-written', 'API, cache on', 'ratio', 'target', 'p99', 'API, cache off', 'ratio', 'p99']);
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']);
    for (const read of readsToRun) {
      const r = results.get(read.name)!;
      const on = r.on!.rps / r.baseline.rps;
      const off = r.off!.rps / r.baseline.rps;
      const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
      row([
        read.name,
        `${r.baseline.rps.toFixed(0)} req/s (p99 ${r.baseline.p99} ms)`,
        `${r.on!.rps.toFixed(0)} req/s`,
        `${on.toFixed(2)}×`,
        `≥ ${read.target.toFixed(1)}× ${verdict(on >= read.target)}`,
        `${r.on!.p99} ms ${verdict(r.on!.p99 <= 100)}`,
        `${r.off!.rps.toFixed(0)} req/s`,
        `${off.toFixed(2)}×${read.name.startsWith('GET /themes?limit=20 (') ? ` (≥ 0.8× ${verdict(off >= 0.8)})` : ''}`,
        `${r.off!.p99} ms ${verdict(r.off!.p99 <= 100)}`,
      ]);
      const errors = r.baseline.errors + r.on!.errors + r.off!.errors;
      if (errors) console.log(`  (${errors} errors or non-2xx answers in ${read.name})`);
    }
    if (profileDir) console.log(`\nCPU profiles of the API (cache on, then off): ${profileDir}`);
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
