/**
 * Reads against a hand-written Express + pg server, side by side in one run (this machine is
 * shared and noisy: only ratios mean something). The API runs compiled, as `npm start` runs it, on
 * the embedded default in a temporary DATA_DIR, with 2,000 published themes (100 with covers, 20
 * tags); the yardstick (bench/baseline-server.ts) answers the same JSON from the same database with
 * one statement per request. Each read runs 8 s at 64 connections (autocannon), after a 2 s warm-up,
 * with the API's cache on, then off, each time just after the yardstick ran it (the ratio's denominator).
 *
 *   npm run bench -- reads                       the table
 *   npm run bench -- reads --profile             the same, with CPU profiles of both servers (node --cpu-prof) in a temp folder
 *   npm run bench -- reads --only list --cache off --seconds 3    a quick look while iterating: some reads
 *                                                (list, signed-in, tag, detail), the API with its cache on or off
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import sharp from 'sharp';
import { runningEmbeddedPostgresUrl } from '../bootstrap/embedded-postgres.ts';
import { build, start, startArguments, type Server } from './servers.ts';

const READS = ['list', 'signed-in', 'tag', 'detail'] as const;
const USAGE = 'usage: npm run bench -- reads [--profile] [--only list|signed-in|tag|detail …] [--cache on|off] [--seconds N]';
const options = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(3),
      options: {
        profile: { type: 'boolean', default: false },
        only: { type: 'string', multiple: true, default: [...READS] },
        cache: { type: 'string', multiple: true, default: ['on', 'off'] },
        seconds: { type: 'string', default: '8' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
})();
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const SECONDS = Number(options.seconds);
const WARMUP_SECONDS = 2;
export const CONNECTIONS = 64;
const THEMES = 2000;
const COVERS = 100;
const TAGS = 20;
const DETAIL_IDS = 200;
/** The kernel's clock ticks per second (USER_HZ), what /proc counts CPU time in: 100 on Linux. */
const CLOCK_TICKS = 100;

/** Throughput and latency as the client saw them; CPU time per answered request of the server's process and of PostgreSQL's. */
export type Measure = { rps: number; p99: number; errors: number; cpuMs: number; databaseCpuMs: number };
export type Read = { name: string; target: number; paths: string[]; token?: string };

async function json(url: string, init: RequestInit & { token?: string } = {}): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) };
  const res = await fetch(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
  if (res.status >= 400) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
}

/** 2,000 published themes, 20 tags, 100 covers, a few favourites of the reader, through the API itself. */
export async function load(api: string): Promise<{ token: string; ids: string[] }> {
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

/** CPU time (user and system) a process and its reaped children used so far, in ms, from /proc (Linux). */
function cpuMsOf(pid: number): number {
  try {
    // The fields after the command name (which may hold spaces): utime, stime, cutime and cstime are the 12th to 15th of them.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0; // gone meanwhile
  }
}

/** CPU time so far of PostgreSQL's processes (the postmaster and the backends it runs), by pid. */
function databaseCpuMs(postmaster: number): Map<number, number> {
  const byPid = new Map([[postmaster, cpuMsOf(postmaster)]]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(postmaster)) byPid.set(Number(entry), cpuMsOf(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/** What PostgreSQL used between two readings; a backend that ended meanwhile is left out (an undercount, never below zero). */
function databaseCpuSince(before: Map<number, number>, postmaster: number): number {
  let total = 0;
  for (const [pid, ms] of databaseCpuMs(postmaster)) total += Math.max(0, ms - (before.get(pid) ?? 0));
  return total;
}

export async function measure(server: Server, read: Read, seconds: number, postmasterNow: () => number): Promise<Measure> {
  const postmaster = postmasterNow();
  const cpuBefore = cpuMsOf(server.child.pid!);
  const databaseBefore = databaseCpuMs(postmaster);
  let next = 0;
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: read.token ? { authorization: `Bearer ${read.token}` } : {},
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: read.paths[next++ % read.paths.length]! }) }],
  });
  const answered = Math.max(1, result.requests.total);
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuMs: (cpuMsOf(server.child.pid!) - cpuBefore) / answered,
    databaseCpuMs: databaseCpuSince(databaseBefore, postmaster) / answered,
  };
}

/** The same items from both servers (the cursor aside: each seals its own). */
async function sameJson(api: string, baseline: string, read: Read): Promise<void> {
  const headers: Record<string, string> = read.token ? { authorization: `Bearer ${read.token}` } : {};
  const [ours, theirs] = await Promise.all([api, baseline].map(async (base) => (await fetch(base + read.paths[0], { headers })).json() as Promise<Record<string, unknown>>));
  const strip = (body: Record<string, unknown>) => JSON.stringify({ ...body, nextCursor: body.nextCursor ? 'a cursor' : null });
  if (strip(ours!) !== strip(theirs!)) throw new Error(`the servers answer ${read.paths[0]} differently:\n${strip(ours!).slice(0, 400)}\n${strip(theirs!).slice(0, 400)}`);
}

export async function reads(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-bench-reads-'));
  const profileDir = options.profile ? await mkdtemp(path.join(os.tmpdir(), 'themes-bench-profile-')) : undefined;
  const modes = (['on', 'off'] as const).filter((mode) => options.cache.includes(mode));
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
    const dataDirectory = (await sql.query<{ data_directory: string }>('show data_directory')).rows[0]!.data_directory;
    await sql.end();
    // The API owns the embedded PostgreSQL: restarted with it (cache off), it is another postmaster.
    const postmaster = () => Number(readFileSync(path.join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const jwtSecret = (await readFile(path.join(dataDir, 'jwt-secret'), 'utf8')).trim();
    // On the API's PostgreSQL, wherever it runs now.
    const startBaseline = async () =>
      start(
        'baseline',
        [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, 'baseline')}`] : []), '--import', 'tsx', 'bench/baseline-server.ts'],
        { DATA_DIR: dataDir, DATABASE_URL: (await runningEmbeddedPostgresUrl(dataDir))!, JWT_SECRET: jwtSecret, PUBLIC_URL: 'http://bench.test', NODE_ENV: 'production' },
        '/api/v1/themes?limit=1',
      );
    let baseline = await startBaseline();
    servers.push(baseline);

    const newest = [...ids].reverse();
    const allReads: Record<(typeof READS)[number], Read> = {
      list: { name: 'GET /themes?limit=20 (anonymous, same page)', target: 2.0, paths: ['/api/v1/themes?limit=20'] },
      'signed-in': { name: 'same, signed in', target: 1.0, paths: ['/api/v1/themes?limit=20'], token },
      tag: { name: 'GET /themes?limit=20&tag=tN, 20 tags in turn', target: 1.0, paths: Array.from({ length: TAGS }, (_, n) => `/api/v1/themes?limit=20&tag=t${n}`) },
      detail: { name: 'GET /themes/{id}, 200 ids in turn', target: 1.0, paths: newest.slice(0, DETAIL_IDS).map((id) => `/api/v1/themes/${id}`) },
    };
    const readsToRun = READS.filter((key) => options.only.includes(key)).map((key) => allReads[key]);
    for (const read of readsToRun) await sameJson(api.url, baseline.url, read);

    // The yardstick and the API alternate read by read, and each ratio is to the yardstick measured just
    // before it: the load others put on this machine changes from one minute to the next.
    type Results = { baseline?: Measure; on?: Measure; baselineOff?: Measure; off?: Measure };
    const results = new Map<Read, Results>(readsToRun.map((read) => [read, {}]));
    const run = async (server: Server, read: Read, key: keyof Results) => {
      await measure(server, read, WARMUP_SECONDS, postmaster);
      results.get(read)![key] = await measure(server, read, SECONDS, postmaster);
    };
    if (modes.includes('on'))
      for (const read of readsToRun) {
        await run(baseline, read, 'baseline');
        await run(api, read, 'on');
      }
    if (modes.includes('off')) {
      await api.stop();
      servers.splice(servers.indexOf(api), 1);
      api = await start('api-cache-off', startArguments(nodeFlags), apiEnv('off'), '/health/live');
      servers.push(api);
      // The embedded PostgreSQL stopped and started with the API: the yardstick starts again on it too.
      await baseline.stop();
      servers.splice(servers.indexOf(baseline), 1);
      baseline = await startBaseline();
      servers.push(baseline);
      for (const read of readsToRun) {
        await run(baseline, read, 'baselineOff');
        await run(api, read, 'off');
      }
    }

    const row = (cells: string[]) => console.log(`| ${cells.join(' | ')} |`);
    const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each after ${WARMUP_SECONDS} s of warm-up; ratio = API req/s ÷ the hand-written server's, measured just before it in this run\n`);
    const handWritten = (m: Measure) => `${m.rps.toFixed(0)} req/s (p99 ${m.p99} ms)`;
    row([
      'read',
      ...(modes.includes('on') ? ['hand-written', 'API, cache on', 'ratio', 'target', 'p99'] : []),
      ...(modes.includes('off') ? ['hand-written', 'API, cache off', 'ratio', 'p99'] : []),
    ]);
    row(['---', ...(modes.includes('on') ? ['---:', '---:', '---:', '---:', '---:'] : []), ...(modes.includes('off') ? ['---:', '---:', '---:', '---:'] : [])]);
    for (const read of readsToRun) {
      const r = results.get(read)!;
      const cells = [read.name];
      if (r.on && r.baseline) {
        const on = r.on.rps / r.baseline.rps;
        cells.push(handWritten(r.baseline), `${r.on.rps.toFixed(0)} req/s`, `${on.toFixed(2)}×`, `≥ ${read.target.toFixed(1)}× ${verdict(on >= read.target)}`, `${r.on.p99} ms ${verdict(r.on.p99 <= 100)}`);
      }
      if (r.off && r.baselineOff) {
        const off = r.off.rps / r.baselineOff.rps;
        const target = read === allReads.list ? ` (≥ 0.8× ${verdict(off >= 0.8)})` : '';
        cells.push(handWritten(r.baselineOff), `${r.off.rps.toFixed(0)} req/s`, `${off.toFixed(2)}×${target}`, `${r.off.p99} ms ${verdict(r.off.p99 <= 100)}`);
      }
      row(cells);
      const errors = [r.baseline, r.on, r.baselineOff, r.off].reduce((sum, m) => sum + (m?.errors ?? 0), 0);
      if (errors) console.log(`  (${errors} errors or non-2xx answers in ${read.name})`);
    }
    // CPU per request is steadier than req/s on a shared machine: it says where a difference comes from.
    const cpu = (m: Measure | undefined) => (m ? `${m.cpuMs.toFixed(2)} + ${m.databaseCpuMs.toFixed(2)} ms` : '');
    console.log('\nCPU time per request, server process + PostgreSQL (all backends); the hand-written server as measured beside the cache-off API\n');
    row(['read', 'hand-written', ...modes.map((mode) => `API, cache ${mode}`)]);
    row(['---', '---:', ...modes.map(() => '---:')]);
    for (const read of readsToRun) {
      const r = results.get(read)!;
      row([read.name, cpu(r.baselineOff ?? r.baseline), ...modes.map((mode) => cpu(r[mode]))]);
    }
    if (profileDir) console.log(`\nCPU profiles of the API (${modes.includes('off') ? 'cache on, then off' : 'cache on'}): ${profileDir}; of the hand-written server: in baseline/ there`);
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
