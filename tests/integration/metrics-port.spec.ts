import { expect } from 'chai';
import { createServer } from 'node:net';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { startServer, type ServerProcess } from '../support/server-process.ts';

describe('the server process with METRICS_PORT', function () {
  this.timeout(60_000);
  let server: ServerProcess | undefined;

  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
  });

  it('serves /metrics on that port alone, announces where, and stops it with the server', async () => {
    server = await startServer({ ADAPTERS: 'memory', METRICS_PORT: '0' });
    const started = JSON.parse(server.logs.find((l) => l.includes('Themes API listening'))!) as Record<string, string>;
    const metricsUrl = started.metrics!;
    expect(metricsUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(metricsUrl).port).to.not.equal(new URL(server.url).port);

    expect((await fetch(`${server.url}/api/v1/themes`)).status).to.equal(200);
    expect((await fetch(`${server.url}/metrics`)).status).to.equal(404);
    const scrape = await fetch(metricsUrl);
    expect(scrape.status).to.equal(200);
    const families = parsePrometheusTextFormat(await scrape.text());
    expect(families.map((f) => f.name)).to.include.members(['http_request_duration_seconds', 'logins_total', 'process_resident_memory_bytes']);
    // The API is not served there.
    expect((await fetch(new URL('/api/v1/themes', metricsUrl))).status).to.equal(404);

    expect(await server.stop('SIGTERM')).to.equal(0);
    server = undefined;
    expect(await fetch(metricsUrl).then(
      () => 'answered',
      () => 'refused',
    )).to.equal('refused');
  });

  it('reports a METRICS_PORT in use in one line, naming it', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const error = (await startServer({ ADAPTERS: 'memory', METRICS_PORT: String(port) }).catch((e: Error) => e)) as Error;
      expect(error.message.split('\n').slice(1).join('\n').trim()).to.equal(
        `METRICS_PORT: 127.0.0.1:${port} is already in use; stop what uses it, or set METRICS_PORT to another port (0 picks a free one)`,
      );
    } finally {
      taken.close();
    }
  });
});
