/**
 * What the metrics cost on the hot list (GET /themes?limit=20, anonymous, cache on): two API
 * instances on one database, one with metrics off and one with them on (METRICS_TOKEN: every
 * request timed and counted), measured in pairs, back to back, the order swapped each round (ABBA),
 * so that the shared machine's drift hits both alike. Throughput on this shared machine swings by
 * tens of percent between runs whatever is measured, so the verdict is on what the server itself
 * spends: its CPU time (user + system, from /proc) per answered request, the median of the pairs'
 * ratios. The load, server start and measurement are the read benchmark's (bench/reads.ts).
 *
 *   npm run bench -- metrics
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runningEmbeddedPostgresUrl } from '../bootstrap/embedded-postgres.ts';
import pg from 'pg';
import { CONNECTIONS, load, measure, type Measure, type Read } from './reads.ts';
import { build, start, startArguments, type Server } from './servers.ts';

const ROUNDS = 8;
const SECONDS = 5;
const WARMUP_SECONDS = 1;
const TARGET_OVERHEAD = 0.02;
const TOKEN = 'a-metrics-token-for-the-benchmark';
type Run = Measure & { cpuPerRequestUs: number };

/** A warm-up, then a measured run; the server's CPU per answered request comes from the read benchmark's measure. */
async function run(server: Server, read: Read, postmaster: () => number): Promise<Run> {
  await measure(server, read, WARMUP_SECONDS, postmaster);
  const measured = await measure(server, read, SECONDS, postmaster);
  return { ...measured, cpuPerRequestUs: measured.cpuMs * 1000 };
}

export async function metricsOverhead(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-bench-metrics-'));
  await build();
  const servers: Server[] = [];
  try {
    // The first instance owns the embedded PostgreSQL and loads the themes; it then idles.
    const owner = await start('api-owner', startArguments([]), { DATA_DIR: dataDir, PUBLIC_URL: 'http://bench.test' }, '/health/live');
    servers.push(owner);
    await load(`${owner.url}/api/v1`);
    const databaseUrl = (await runningEmbeddedPostgresUrl(dataDir))!;
    const sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    const dataDirectory = (await sql.query<{ data_directory: string }>('show data_directory')).rows[0]!.data_directory;
    await sql.end();
    const postmaster = () => Number(readFileSync(path.join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const shared = {
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: (await readFile(path.join(dataDir, 'jwt-secret'), 'utf8')).trim(),
      PUBLIC_URL: 'http://bench.test',
    };
    const off = await start('api-metrics-off', startArguments([]), shared, '/health/live');
    servers.push(off);
    const on = await start('api-metrics-on', startArguments([]), { ...shared, METRICS_TOKEN: TOKEN }, '/health/live');
    servers.push(on);

    const read: Read = { name: 'GET /themes?limit=20 (anonymous, same page)', target: 0, paths: ['/api/v1/themes?limit=20'] };
    const runs: { off: Run[]; on: Run[] } = { off: [], on: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const pair = [
        [off, 'off'],
        [on, 'on'],
      ] as const;
      for (const [server, key] of round % 2 ? [...pair].reverse() : pair) runs[key].push(await run(server, read, postmaster));
    }

    // The instance with metrics on did count them: its histogram saw every request of the list.
    const exposition = await (await fetch(`${on.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const counted = /^http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/themes"[^}]*status="200"[^}]*\} (\d+)/m.exec(exposition)?.[1];
    if (!counted) throw new Error('the instance with metrics on does not show the list in http_request_duration_seconds');

    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
    };
    const percent = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
    const cpuCosts = runs.on.map((m, i) => m.cpuPerRequestUs / runs.off[i]!.cpuPerRequestUs - 1);
    const rpsCosts = runs.on.map((m, i) => 1 - m.rps / runs.off[i]!.rps);
    const overhead = median(cpuCosts);
    console.log(`\n${CONNECTIONS} connections, ${ROUNDS} pairs of ${SECONDS} s runs after ${WARMUP_SECONDS} s of warm-up each, the order swapped every pair\n`);
    console.log(`| ${read.name} | metrics off | metrics on | cost: median of the pairs | pairs, lowest to highest | target |`);
    console.log('| --- | ---: | ---: | ---: | --- | ---: |');
    console.log(
      `| server CPU per request | ${mean(runs.off.map((r) => r.cpuPerRequestUs)).toFixed(0)} µs | ${mean(runs.on.map((r) => r.cpuPerRequestUs)).toFixed(0)} µs | ${percent(overhead)} | ${[...cpuCosts].sort((a, b) => a - b).map(percent).join(', ')} | ≤ +${TARGET_OVERHEAD * 100}% ${overhead <= TARGET_OVERHEAD ? 'ok' : 'MISSED'} |`,
    );
    console.log(
      `| throughput (noisy here) | ${mean(runs.off.map((r) => r.rps)).toFixed(0)} req/s | ${mean(runs.on.map((r) => r.rps)).toFixed(0)} req/s | ${percent(median(rpsCosts))} fewer | ${[...rpsCosts].sort((a, b) => a - b).map(percent).join(', ')} | |`,
    );
    console.log(`(the instance with metrics on counted ${counted} answered lists)`);
    const errors = [...runs.off, ...runs.on].reduce((sum, m) => sum + m.errors, 0);
    if (errors) console.log(`  (${errors} errors or non-2xx answers)`);
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
