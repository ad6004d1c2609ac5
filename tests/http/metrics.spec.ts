import { expect } from 'chai';
import type { Express } from 'express';
import parsePrometheusTextFormat, { type MetricFamily } from 'parse-prometheus-text-format';
import { SYSTEM } from '../../application/actor.ts';
import { UpdateUser } from '../../application/admin/update-user.ts';
import type { ObjectCleanup } from '../../application/ports/object-cleanup.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { metricsAppFor } from '../../bootstrap/http-server.ts';
import { aMember, type Member } from '../support/actors.ts';
import request from '../support/http.ts';
import { anImage, aPixelBomb } from '../support/images.ts';
import { PROFILES, silentLogger, testApp, testConfig, testRuntime } from '../support/runtime.ts';

const TOKEN = 'a-metrics-token-for-the-tests';
const api = (path: string) => `/api/v1${path}`;

type Labels = Record<string, string>;

/**
 * The families of an exposition, by name, as a Prometheus text-format parser reads them. That parser
 * folds the labelled series of a histogram into one (yunyu/parse-prometheus-text-format#13), so each
 * histogram's `_count` and `_bucket` samples are parsed again as plain series (`<name>_count`, …).
 */
function parse(text: string): Map<string, MetricFamily> {
  const families = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
  const histograms = [...families.values()].filter((f) => f.type === 'HISTOGRAM').map((f) => f.name);
  for (const suffix of ['_count', '_bucket']) {
    const lines = text.split('\n').filter((line) => histograms.some((name) => line.startsWith(`${name}${suffix}{`) || line.startsWith(`${name}${suffix} `)));
    for (const name of histograms) {
      const series = parsePrometheusTextFormat(lines.filter((line) => line.startsWith(`${name}${suffix}`)).join('\n') + '\n');
      if (series.length) families.set(`${name}${suffix}`, { ...series[0]!, metrics: series.flatMap((f) => f.metrics) });
    }
  }
  return families;
}

/** The value of one series (a counter, a gauge, a histogram's `<name>_count`) whose labels include `labels`: 0 when absent. */
function valueOf(families: Map<string, MetricFamily>, name: string, labels: Labels = {}): number {
  const sample = families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return sample && 'value' in sample ? Number(sample.value) : 0;
}

for (const profile of PROFILES) {
  describe(`HTTP: metrics (${profile.name})`, () => {
    let runtime: Runtime;
    let app: Express;
    let member: Member;

    const scrape = async () => {
      const res = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      expect(res.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
      expect(res.headers['cache-control']).to.equal('no-store');
      return parse(res.text);
    };

    before(async () => {
      const env = { ...(await profile.env()), METRICS_TOKEN: TOKEN, LOGIN_MAX_FAILURES: '2', MAX_UPLOAD_BYTES: String(256 * 1024) };
      runtime = await testRuntime({ env });
      app = testApp(runtime, env);
      member = await aMember(runtime, 'metered');
    });
    after(() => runtime.close());

    it('answers 401 without the token or with a wrong one, and never to an API token', async () => {
      await request(app).get('/metrics').set('Authorization', `bearer ${TOKEN}`).expect(200);
      for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, `Bearer ${member.token}`]) {
        const req = request(app).get('/metrics');
        const res = await (authorization ? req.set('Authorization', authorization) : req);
        expect(res.status, authorization ?? 'no header').to.equal(401);
        expect(res.body.code).to.equal('unauthenticated');
        expect(res.text).to.not.include('http_request_duration_seconds');
      }
    });

    it('serves every family in the Prometheus text format, with the default Node metrics', async () => {
      const families = await scrape();
      const types = Object.fromEntries([...families].map(([name, family]) => [name, family.type]));
      expect(types).to.include({
        http_request_duration_seconds: 'HISTOGRAM',
        http_requests_in_flight: 'GAUGE',
        response_cache_lookups_total: 'COUNTER',
        uploads_total: 'COUNTER',
        logins_total: 'COUNTER',
        websocket_connections: 'GAUGE',
        outbox_object_deletions_due: 'GAUGE',
        change_feed_up_to_date: 'GAUGE',
        process_cpu_user_seconds_total: 'COUNTER',
        nodejs_eventloop_lag_seconds: 'GAUGE',
        nodejs_heap_size_used_bytes: 'GAUGE',
      });
      // The scrape itself is in flight while it is read.
      expect(valueOf(families, 'http_requests_in_flight')).to.be.at.least(1);
      expect(valueOf(families, 'change_feed_up_to_date')).to.equal(1);
      expect(valueOf(families, 'outbox_object_deletions_due')).to.equal(0);
      expect(valueOf(families, 'websocket_connections')).to.equal(0);
      // Read at scrape time: a deletion due now shows at the next scrape.
      await runtime.container.get<ObjectCleanup>(TYPES.ObjectCleanup).schedule(['themes/gone.png'], new Date(0));
      expect(valueOf(await scrape(), 'outbox_object_deletions_due')).to.equal(1);
      await runtime.container.get<ObjectCleanup>(TYPES.ObjectCleanup).done(['themes/gone.png']);
      // Every outcome is there from the start, so that rates never miss a series.
      expect(families.get('uploads_total')!.metrics.map((m) => m.labels?.result).sort()).to.deep.equal(['aborted', 'failed', 'refused', 'stored', 'too_large', 'too_many_pixels', 'unsupported']);
      expect(families.get('logins_total')!.metrics.map((m) => m.labels?.outcome).sort()).to.deep.equal(['disabled', 'failure', 'locked', 'success']);
    });

    it('labels requests by route template, never by URL, with OpenTelemetry’s buckets', async () => {
      await request(app).get(api('/themes/no-such-theme')).expect(404);
      await request(app).get(api('/themes/another-missing-one')).expect(404);
      await request(app).get('/no/such/page/at/all-42').expect(404);
      await request(app).delete(api('/themes')).expect(405);
      const families = await scrape();
      const count = (labels: Labels) => valueOf(families, 'http_request_duration_seconds_count', labels);
      expect(count({ method: 'GET', route: '/api/v1/themes/:idOrSlug', status: '404' })).to.equal(2);
      expect(count({ method: 'DELETE', route: '/api/v1/themes', status: '405' })).to.equal(1);
      expect(count({ method: 'GET', route: 'unmatched', status: '404' })).to.equal(1);
      const routes = new Set(families.get('http_request_duration_seconds_count')!.metrics.map((m) => m.labels?.route));
      expect(routes).to.include('/metrics');
      for (const route of routes) expect(route, 'a raw URL as a label').to.not.match(/no-such|another-missing|all-42/);
      const bounds = families.get('http_request_duration_seconds_bucket')!.metrics.filter((m) => m.labels?.route === '/api/v1/themes').map((m) => m.labels?.le);
      expect(bounds).to.deep.equal(['0.005', '0.01', '0.025', '0.05', '0.075', '0.1', '0.25', '0.5', '0.75', '1', '2.5', '5', '7.5', '10', '+Inf']);
    });

    it('counts response-cache misses and hits of public reads', async () => {
      const before = await scrape();
      await request(app).get(api('/themes?limit=20')).expect(200);
      await request(app).get(api('/themes?limit=20')).expect(200);
      const after = await scrape();
      expect(valueOf(after, 'response_cache_lookups_total', { result: 'miss' }) - valueOf(before, 'response_cache_lookups_total', { result: 'miss' })).to.equal(1);
      expect(valueOf(after, 'response_cache_lookups_total', { result: 'hit' }) - valueOf(before, 'response_cache_lookups_total', { result: 'hit' })).to.equal(1);
    });

    it('counts sign-in outcomes: success, failure, locked and disabled', async () => {
      const before = await scrape();
      const login = (login: string, password: string) => request(app).post(api('/auth/login')).send({ login, password });
      await login('metered', 'correct horse battery').expect(200);
      await login('metered', 'wrong password').expect(401);
      // LOGIN_MAX_FAILURES=2: the second failure locks the login, the attempt after it is refused unheard.
      await login('metered', 'wrong password').expect(401);
      await login('metered', 'correct horse battery').expect(429);
      const disabled = await aMember(runtime, 'switched-off');
      await runtime.container.get(UpdateUser).execute(SYSTEM, disabled.id, { status: 'disabled' });
      await login('switched-off', 'correct horse battery').expect(403);
      // Refused before any verdict (a malformed body): no outcome.
      await request(app).post(api('/auth/login')).send({ login: 'metered' }).expect(422);
      const after = await scrape();
      const delta = (outcome: string) => valueOf(after, 'logins_total', { outcome }) - valueOf(before, 'logins_total', { outcome });
      // aMember signs the new account in once.
      expect({ success: delta('success'), failure: delta('failure'), locked: delta('locked'), disabled: delta('disabled') }).to.deep.equal({ success: 2, failure: 2, locked: 1, disabled: 1 });
    });

    it('counts uploads by what they came to', async () => {
      const before = await scrape();
      const avatar = (bytes: Buffer, name: string) => request(app).put(api('/users/me/avatar')).set('Authorization', `Bearer ${member.token}`).attach('file', bytes, name);
      await avatar(await anImage('png', 64, 64), 'me.png').expect(200);
      await avatar(Buffer.from('plain text, not an image at all'), 'me.png').expect(415);
      await avatar(await aPixelBomb(), 'bomb.png').expect(422);
      await avatar(Buffer.concat([(await anImage('png', 64, 64)).subarray(0, 8), Buffer.alloc(300 * 1024)]), 'big.png').expect(413);
      await request(app).put(api('/users/me/avatar')).attach('file', await anImage('png', 64, 64), 'me.png').expect(401);
      const after = await scrape();
      const delta = (result: string) => valueOf(after, 'uploads_total', { result }) - valueOf(before, 'uploads_total', { result });
      expect(delta('stored')).to.equal(1);
      expect(delta('unsupported')).to.equal(1);
      expect(delta('too_large')).to.equal(1);
      expect(delta('too_many_pixels')).to.equal(1);
      expect(delta('refused')).to.equal(1);
      expect(delta('failed')).to.equal(0);
    });

    if (profile.name === 'PostgreSQL')
      it('reads the database pool at scrape time: connections open, in use, waiting, and the time to get one', async () => {
        await request(app).get(api('/categories')).expect(200);
        const families = await scrape();
        expect(valueOf(families, 'db_pool_connections_open')).to.be.at.least(1);
        expect(valueOf(families, 'db_pool_connections_max')).to.equal(10);
        expect(valueOf(families, 'db_pool_connections_in_use')).to.be.within(0, 10);
        expect(valueOf(families, 'db_pool_waiting_requests')).to.equal(0);
        expect(families.get('db_pool_acquire_seconds')?.type).to.equal('HISTOGRAM');
        expect((families.get('db_pool_acquire_seconds')!.metrics[0] as { count: string }).count).to.not.equal('0');
      });
  });
}

describe('HTTP: where /metrics is served', () => {
  let runtime: Runtime;
  before(async () => {
    runtime = await testRuntime();
  });
  after(() => runtime.close());

  it('is off (404) with neither METRICS_TOKEN nor METRICS_PORT', async () => {
    const res = await request(testApp(runtime)).get('/metrics');
    expect(res.status).to.equal(404);
    expect(res.text).to.not.include('http_request_duration_seconds');
    expect(metricsAppFor(runtime, testConfig(), silentLogger)).to.equal(null);
  });

  it('with METRICS_PORT, is served on that port alone, without a token', async () => {
    const env = { METRICS_PORT: '9464' };
    expect((await request(testApp(runtime, env)).get('/metrics')).status).to.equal(404);
    const metricsApp = metricsAppFor(runtime, testConfig(env), silentLogger)!;
    const res = await request(metricsApp).get('/metrics').expect(200);
    expect(parse(res.text).get('http_request_duration_seconds')?.type).to.equal('HISTOGRAM');
    // Nothing else is served there.
    for (const path of ['/', '/docs', '/metrics/extra']) expect((await request(metricsApp).get(path)).status, path).to.equal(404);
  });

  it('with METRICS_PORT and METRICS_TOKEN, asks for the token on that port too', async () => {
    const env = { METRICS_PORT: '9464', METRICS_TOKEN: TOKEN };
    expect((await request(testApp(runtime, env)).get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).status).to.equal(404);
    const metricsApp = metricsAppFor(runtime, testConfig(env), silentLogger)!;
    expect((await request(metricsApp).get('/metrics')).status).to.equal(401);
    await request(metricsApp).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
  });
});
