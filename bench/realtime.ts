/**
 * WebSocket delivery across two instances: two API processes (compiled, as `npm start` runs them)
 * on one embedded PostgreSQL, SOCKETS anonymous sockets split between them, all subscribed to
 * `themes`; RATE changes a second for SECONDS through the API (published themes edited, every other
 * request to each instance). For every frame: the delivery latency, from the moment the API request
 * was sent (an upper bound of "committed → received": the commit happens before the answer) to the
 * frame's arrival; and every socket must get every change once (lost = expected − received).
 *
 *   npm run bench -- realtime                       1,000 sockets, 50 changes/s, 30 s
 *   REALTIME_SOCKETS=200 REALTIME_SECONDS=10 npm run bench -- realtime    smaller
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { runningEmbeddedPostgresUrl } from '../bootstrap/embedded-postgres.ts';
import { MiB, rssOf } from './client.ts';
import { build, start, startArguments, type Server } from './servers.ts';

const SOCKETS = Number(process.env.REALTIME_SOCKETS ?? 1000);
const RATE = Number(process.env.REALTIME_RATE ?? 50);
const SECONDS = Number(process.env.REALTIME_SECONDS ?? 30);
const THEMES = 200;

type Tracked = { received: Map<string, number> };

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

async function call(url: string, init: RequestInit & { token?: string } = {}): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) };
  const res = await fetch(url, { ...init, headers });
  if (res.status >= 400) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Opens `count` sockets on `wsUrl`, each subscribed to themes; resolves once all are subscribed. */
type Latencies = { fromRequest: number[]; fromEvent: number[] };

async function openSockets(wsUrl: string, count: number, sent: Map<string, number>, latencies: Latencies, sockets: WebSocket[]): Promise<Tracked[]> {
  const tracked: Tracked[] = [];
  for (let opened = 0; opened < count; opened += 50) {
    const batch = Array.from({ length: Math.min(50, count - opened) }, async () => {
      const ws = new WebSocket(wsUrl);
      const t: Tracked = { received: new Map() };
      tracked.push(t);
      sockets.push(ws);
      await new Promise<void>((resolve, reject) => {
        ws.once('error', reject);
        ws.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { type: string; at?: string; subject?: { themeId: string }; data?: { version: number } };
          if (frame.type === 'subscribed') return resolve();
          if (frame.type !== 'event') return;
          const key = `${frame.subject!.themeId} ${frame.data!.version}`;
          t.received.set(key, (t.received.get(key) ?? 0) + 1);
          // The event's time is taken in the writing transaction, just before it commits; same machine, same wall clock.
          latencies.fromEvent.push(Date.now() - Date.parse(frame.at!));
          const at = sent.get(key);
          if (at !== undefined) latencies.fromRequest.push(performance.now() - at);
        });
        ws.once('open', () => ws.send(JSON.stringify({ type: 'subscribe', channels: ['themes'] })));
      });
    });
    await Promise.all(batch);
  }
  return tracked;
}

export async function realtime(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-bench-realtime-'));
  const secondDir = await mkdtemp(path.join(os.tmpdir(), 'themes-bench-realtime-b-'));
  await build();
  const limits = { WS_MAX_SOCKETS_PER_ADDRESS: String(SOCKETS), LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: '0' };
  const servers: Server[] = [];
  const sockets: WebSocket[] = [];
  try {
    const a = await start('api-a', startArguments([]), { DATA_DIR: dataDir, ...limits }, '/health/ready');
    servers.push(a);
    const databaseUrl = (await runningEmbeddedPostgresUrl(dataDir))!;
    const jwtSecret = (await readFile(path.join(dataDir, 'jwt-secret'), 'utf8')).trim();
    const b = await start('api-b', startArguments([]), { DATA_DIR: secondDir, DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret, ...limits }, '/health/ready');
    servers.push(b);

    const session = await call(`${a.url}/api/v1/auth/register`, { method: 'POST', body: JSON.stringify({ email: 'rt@example.com', username: 'rtbench', password: 'benchmark password' }) });
    const token = session.accessToken as string;
    const themes: { id: string; version: number }[] = [];
    for (let i = 0; i < THEMES; i++) {
      const theme = await call(`${a.url}/api/v1/themes`, {
        method: 'POST',
        token,
        body: JSON.stringify({ name: `Realtime ${i}`, status: 'published', colors: [{ name: 'ink', hex: '#112233', role: 'text' }] }),
      });
      themes.push({ id: theme.id as string, version: theme.version as number });
    }

    const rssBefore = { a: await rssOf(a.child.pid!), b: await rssOf(b.child.pid!) };
    const sent = new Map<string, number>();
    const latencies: Latencies = { fromRequest: [], fromEvent: [] };
    const opening = performance.now();
    const tracked = [
      ...(await openSockets(a.url.replace('http', 'ws') + '/api/v1/ws', SOCKETS / 2, sent, latencies, sockets)),
      ...(await openSockets(b.url.replace('http', 'ws') + '/api/v1/ws', SOCKETS - SOCKETS / 2, sent, latencies, sockets)),
    ];
    console.log(`${SOCKETS} sockets open and subscribed on two instances in ${((performance.now() - opening) / 1000).toFixed(1)} s`);
    const rssOpen = { a: await rssOf(a.child.pid!), b: await rssOf(b.child.pid!) };

    const total = RATE * SECONDS;
    const writes: Promise<void>[] = [];
    const began = performance.now();
    const failures = new Map<string, number>();
    const committed = new Set<string>();
    const answered: number[] = [];
    for (let n = 0; n < total; n++) {
      const due = began + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const theme = themes[n % THEMES]!;
      const version = ++theme.version;
      const key = `${theme.id} ${version}`;
      sent.set(key, performance.now());
      const server = n % 2 ? b : a;
      const at = performance.now();
      writes.push(
        call(`${server.url}/api/v1/themes/${theme.id}`, { method: 'PATCH', token, body: JSON.stringify({ description: `change ${n}` }) }).then(
          (body) => {
            answered.push(performance.now() - at);
            committed.add(`${theme.id} ${body.version as number}`);
          },
          (error: Error) => {
            const reason = error.message.replace(/^.*?: /, '').slice(0, 60);
            failures.set(reason, (failures.get(reason) ?? 0) + 1);
          },
        ),
      );
    }
    await Promise.all(writes);
    // Stragglers: wait until every socket has every committed change, or 5 s. A refused write (503
    // under overload) committed nothing and is owed to nobody; its version is then taken by the next.
    const expected = [...committed];
    const settleBy = performance.now() + 5000;
    while (performance.now() < settleBy && tracked.some((t) => t.received.size < expected.length)) await new Promise((resolve) => setTimeout(resolve, 50));
    const rssEnd = { a: await rssOf(a.child.pid!), b: await rssOf(b.child.pid!) };

    let lost = 0;
    let duplicated = 0;
    for (const t of tracked) {
      for (const key of expected) if (!t.received.has(key)) lost++;
      for (const count of t.received.values()) if (count > 1) duplicated += count - 1;
    }
    const fromEvent = latencies.fromEvent.sort((x, y) => x - y);
    const fromRequest = latencies.fromRequest.sort((x, y) => x - y);
    const p99 = percentile(fromEvent, 99);
    const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
    const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
    console.log(`\n${SOCKETS} sockets (half on each instance), ${RATE} changes/s for ${SECONDS} s (${total} changes, ${committed.size} committed), ${fromEvent.length} frames`);
    for (const [reason, count] of failures) console.log(`  ${count} changes refused: ${reason}`);
    console.log(`delivery latency, from the event's time (in the writing transaction, at its commit) to the frame received: p50 ${percentile(fromEvent, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (target ≤ 100 ms ${verdict(p99 <= 100)}), max ${fromEvent.at(-1)?.toFixed(1)} ms`);
    console.log(`from the API request sent (includes the write itself): p50 ${percentile(fromRequest, 50).toFixed(1)} ms, p99 ${percentile(fromRequest, 99).toFixed(1)} ms`);
    answered.sort((x, y) => x - y);
    console.log(`the API answered the changes in p50 ${percentile(answered, 50).toFixed(1)} ms, p99 ${percentile(answered, 99).toFixed(1)} ms`);
    console.log(`events lost: ${lost} (target 0 ${verdict(lost === 0)}); delivered twice: ${duplicated}`);
    console.log(
      `server RSS: A ${mib(rssBefore.a)} → ${mib(rssOpen.a)} with sockets → ${mib(rssEnd.a)} at the end; B ${mib(rssBefore.b)} → ${mib(rssOpen.b)} → ${mib(rssEnd.b)}`,
    );
  } finally {
    for (const ws of sockets) ws.terminate();
    for (const server of servers.reverse()) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(secondDir, { recursive: true, force: true });
  }
}
