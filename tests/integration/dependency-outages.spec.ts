import { expect } from 'chai';
import type { Express } from 'express';
import { createServer, type Server, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { pino } from 'pino';
import request from '../support/http.ts';
import { S3ObjectStore } from '../../adapters/storage/s3-object-store.ts';
import { createRuntime, type Runtime } from '../../bootstrap/container.ts';
import { outageLog } from '../../bootstrap/dependencies.ts';
import { appFor } from '../../bootstrap/http-server.ts';
import { Unavailable } from '../../domain/errors.ts';
import { aMember, type Member } from '../support/actors.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { anImage } from '../support/images.ts';
import { settle } from '../support/partial-upload.ts';
import { testConfig } from '../support/runtime.ts';
import { startEmbeddedCluster, type EmbeddedCluster } from '../support/services.ts';

type LogLine = { level: number; msg: string; dependency?: string };

/** A logger that keeps its lines, to count what an outage writes. */
function capturingLogger() {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  const count = (pattern: RegExp) => lines.filter((l) => pattern.test(l.msg)).length;
  return { logger, lines, count };
}

/**
 * Tight bounds, so a bounded wait ends well within the test's own timeout. No test here reads the
 * clock: the dependency stays frozen (or silent) until every answer is in, so an answer at all proves
 * the wait was bounded, and a hang fails the test by its timeout.
 */
const TIMEOUTS = { DATABASE_CONNECT_TIMEOUT: '1s', DATABASE_STATEMENT_TIMEOUT: '1s', S3_TIMEOUT: '1s' };

describe('a database that freezes or dies (a real PostgreSQL of this suite, SIGSTOPped and SIGKILLed)', function () {
  this.timeout(60_000);
  let cluster: EmbeddedCluster;
  let runtime: Runtime | undefined;
  let app: Express;
  let ada: Member;
  let log: ReturnType<typeof capturingLogger>;

  before(async () => {
    cluster = await startEmbeddedCluster();
    const env = { DATABASE_URL: `${cluster.baseUrl}postgres`, JWT_SECRET: 'a-test-secret-that-is-long-enough-to-use', ...TIMEOUTS };
    log = capturingLogger();
    runtime = await createRuntime(testConfig(env), log.logger, { clock: new FixedClock(undefined, 1) });
    app = appFor(runtime, testConfig(env), log.logger);
    ada = await aMember(runtime, 'ada');
  });
  after(async () => {
    await cluster.signal('SIGCONT').catch(() => undefined);
    await runtime?.close().catch(() => undefined);
    await cluster.stop();
  });

  it('frozen: requests answer 503 unavailable while it stays frozen, readiness names the database, and the outage is logged once each way', async () => {
    await cluster.signal('SIGSTOP');
    try {
      const answers = await Promise.all([
        request(app).get('/api/v1/themes'),
        request(app).get('/api/v1/users/me').set('Authorization', `Bearer ${ada.token}`),
        request(app).post('/api/v1/auth/login').send({ login: 'ada', password: 'correct horse battery' }),
        request(app).post('/api/v1/themes').set('Authorization', `Bearer ${ada.token}`).send({ name: 'Frozen', colors: [{ name: 'Ice', hex: '#e0f7fa' }] }),
        // More transactions than the pool has connections: none may be kept when its BEGIN or ROLLBACK fails.
        ...Array.from({ length: 16 }, (_, i) =>
          request(app).post('/api/v1/auth/register').send({ email: `frozen${i}@example.com`, username: `frozen${i}`, password: 'correct horse battery' }),
        ),
      ]);
      for (const res of answers) {
        expect(res.status, JSON.stringify(log.lines.filter((l) => /request failed/.test(l.msg)), null, 1)).to.equal(503);
        expect(res.type).to.equal('application/problem+json');
        expect(res.body.code).to.equal('unavailable');
        expect(res.headers['retry-after']).to.equal('5');
      }
      const ready = await request(app).get('/health/ready');
      expect(ready.status).to.equal(503);
      expect(ready.body).to.deep.equal({ status: 'failing', checks: { database: 'failing', objectStore: 'ok' } });
    } finally {
      await cluster.signal('SIGCONT');
    }

    // Back: the pool recovers by itself.
    await settle(async () => (await request(app).get('/api/v1/themes')).status, 200);
    expect((await request(app).get('/health/ready')).body).to.deep.equal({ status: 'ok', checks: { database: 'ok', objectStore: 'ok' } });

    expect(log.count(/^database unavailable/)).to.equal(1);
    expect(log.count(/^database available again/)).to.equal(1);
    expect(log.lines.filter((l) => l.level >= 50).map((l) => l.msg)).to.deep.equal([log.lines.find((l) => /^database unavailable/.test(l.msg))!.msg]);
  });

  it('killed in the middle of transactions: every request answers, 503 where the database was needed, never 500', async () => {
    const statuses: number[] = [];
    let running = true;
    let n = 0;
    const worker = async () => {
      while (running) {
        const i = ++n;
        const res =
          i % 2
            ? await request(app).post('/api/v1/auth/register').send({ email: `u${i}@example.com`, username: `user${i}`, password: 'correct horse battery' })
            : await request(app).post('/api/v1/themes').set('Authorization', `Bearer ${ada.token}`).send({ name: `Theme ${i}`, colors: [{ name: 'A', hex: '#123456' }] });
        statuses.push(res.status);
      }
    };
    const workers = Array.from({ length: 12 }, worker);
    // Killed while the writes run (every worker is in a request), and watched until it shows.
    await settle(async () => statuses.filter((s) => s === 201).length >= 24, true);
    await cluster.signal('SIGKILL');
    await settle(async () => statuses.filter((s) => s === 503).length >= 24, true);
    running = false;
    await Promise.all(workers);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).to.deep.equal([]);

    await cluster.restart();
    await settle(async () => (await request(app).get('/api/v1/themes')).status, 200);
    expect(log.lines.filter((l) => /request failed/.test(l.msg))).to.deep.equal([]);

    // No connection is left checked out of the pool: closing does not wait for any.
    // (Without that, this waits for them until the test's timeout.)
    await runtime!.close();
    runtime = undefined;
  });
});

describe('an S3 that accepts connections and never answers (a TCP black hole)', function () {
  this.timeout(60_000);
  let hole: Server;
  let sockets: Socket[];
  let store: S3ObjectStore;
  let log: ReturnType<typeof capturingLogger>;

  before(async () => {
    sockets = [];
    hole = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const { port } = hole.address() as { port: number };
    log = capturingLogger();
    store = new S3ObjectStore(
      { endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', bucket: 'themes', accessKeyId: 'k', secretAccessKey: 's', forcePathStyle: true },
      { timeoutMs: 1000, onAvailability: outageLog(log.logger, 'object store') },
    );
  });
  after(async () => {
    store.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => hole.close(resolve));
  });

  it('fails each call with Unavailable while it stays silent, without retrying into the silence', async () => {
    const calls = [
      () => store.checkReady(),
      () => store.head('themes/a/b'),
      () => store.get('themes/a/b'),
      () => store.put('themes/a/b', Readable.from([Buffer.from('x')]), { contentType: 'text/plain' }),
    ];
    const connections = sockets.length;
    const errors = await Promise.all(calls.map((call) => rejectionOf(call())));
    for (const error of errors) expect(error).to.be.instanceOf(Unavailable);
    // One connection per call: a timed-out attempt is not retried.
    expect(sockets.length - connections).to.equal(calls.length);
  });

  it('through HTTP: an upload answers 503, readiness names the object store, and the outage is logged once', async () => {
    const runtime = await createRuntime(testConfig(TIMEOUTS), log.logger, { objectStore: store, clock: new FixedClock(undefined, 1) });
    try {
      const app = appFor(runtime, testConfig(), log.logger);
      const owner = await aMember(runtime, 'owner');
      const theme = await request(app).post('/api/v1/themes').set('Authorization', `Bearer ${owner.token}`).send({ name: 'Ocean', colors: [{ name: 'Deep', hex: '#0b3d91' }] });
      const upload = await request(app).post(`/api/v1/themes/${theme.body.id}/images`).set('Authorization', `Bearer ${owner.token}`).attach('file', await anImage('png'), 'cover.png');
      expect(upload.status, JSON.stringify(upload.body)).to.equal(503);
      expect(upload.body.code).to.equal('unavailable');
      expect((await request(app).get(`/api/v1/themes/${theme.body.id}/images`).set('Authorization', `Bearer ${owner.token}`)).body.items).to.deep.equal([]);
      const ready = await request(app).get('/health/ready');
      expect(ready.status).to.equal(503);
      expect(ready.body.checks).to.deep.equal({ database: 'ok', objectStore: 'failing' });
      expect(log.count(/^object store unavailable/)).to.equal(1);
      expect(log.lines.filter((l) => /request failed/.test(l.msg))).to.deep.equal([]);
    } finally {
      await runtime.close();
    }
  });
});
