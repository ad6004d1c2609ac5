import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { settle } from '../support/partial-upload.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

type Outcome = { id: string; status?: number; connection?: string | undefined; error?: string; reusedSocket?: boolean };

/** One POST on a keep-alive agent, with its own request id: the status and Connection header, or the socket error. */
function post(agent: http.Agent, url: string, body: object): Promise<Outcome> {
  const id = randomUUID();
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-request-id': id };
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ id, status: res.statusCode ?? 0, connection: res.headers.connection }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ id, error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ id, error: error.code ?? error.message, reusedSocket: req.reusedSocket }));
    req.end(payload);
  });
}

describe('stopping under load (the server process, 200 keep-alive clients)', function () {
  this.timeout(120_000);
  let server: ServerProcess | undefined;

  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
  });

  it('announces its URLs; on SIGTERM answers every request it had started, closes each connection after its answer, resets none, and exits 0', async () => {
    server = await startServer({ ADAPTERS: 'memory', BCRYPT_COST: '4', AUTH_RATE_LIMIT: '0' });
    const url = server.url;
    // The start-up line says where to go and what to do next.
    const started = JSON.parse(server.logs.find((l) => l.includes('Themes API listening'))!) as Record<string, string>;
    expect(started).to.include({ api: `${url}/api/v1`, docs: `${url}/docs`, admin: `${url}/admin` });
    expect(started.msg).to.include(`docs ${url}/docs`).and.include(`admin ${url}/admin`);
    expect(started.next).to.match(/npm run seed .*npm run create-admin/);
    // Metrics are off unless asked for, and the line says how to ask.
    expect(started.metrics).to.match(/^off; set METRICS_TOKEN .* or METRICS_PORT /);
    expect((await fetch(`${url}/metrics`)).status).to.equal(404);
    const account = { email: 'ada@example.com', username: 'ada', password: 'correct horse battery' };
    expect((await fetch(`${url}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) })).status).to.equal(201);

    const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
    let signalled = false;
    let busy = 0;
    const clients = Array.from({ length: 200 }, async () => {
      const seen: Outcome[] = [];
      // Each client keeps its connection busy (a login is a bcrypt compare) until the server turns it away.
      for (;;) {
        const outcome = await post(agent, `${url}/api/v1/auth/login`, { login: 'ada', password: account.password });
        seen.push(outcome);
        if (seen.length === 1) busy += 1;
        if (outcome.error || (signalled && outcome.status !== 200)) return seen;
      }
    });
    // Every client has its kept-alive connection and keeps it busy; then the stop.
    await settle(async () => busy, clients.length);
    signalled = true;
    const exited = server.stop('SIGTERM');
    const histories = await Promise.all(clients);
    agent.destroy();
    expect(await exited).to.equal(0);

    // What the server did with each request, by the id the client gave it.
    const handled = new Map<string, string>();
    for (const line of server.logs) {
      const entry = line.startsWith('{') ? (JSON.parse(line) as { msg?: string; req?: { id?: string } }) : {};
      if (entry.req?.id) handled.set(entry.req.id, entry.msg ?? '');
    }
    const outcomes = histories.flat();
    const answered = new Set(outcomes.filter((o) => o.status).map((o) => o.id));
    expect(histories.every((history) => history[0]?.status === 200)).to.equal(true);
    expect(outcomes.filter((o) => o.status && o.status !== 200)).to.deep.equal([]);
    // No request the server had started was cut: it answered each, and each answer arrived.
    expect([...handled.values()].filter((msg) => msg !== 'request completed')).to.deep.equal([]);
    const sent = new Set(outcomes.map((o) => o.id));
    expect([...handled.keys()].filter((id) => sent.has(id) && !answered.has(id))).to.deep.equal([]);
    // The only failures are requests the server never read: refused once its port is closed, reset
    // when they reached it in the backlog of a closing listener, or on a connection idle through the
    // second of grace (which a client may retry, as Node's docs say of reusedSocket).
    const cut = outcomes.filter((o) => o.error && handled.has(o.id));
    expect(cut).to.deep.equal([]);
    expect(outcomes.filter((o) => o.error && !['ECONNREFUSED', 'ECONNRESET'].includes(o.error))).to.deep.equal([]);
    // Answers during the stop said Connection: close, so (nearly) every client was told to go, not cut off.
    const toldToClose = histories.filter((history) => history.findLast((o) => o.status)?.connection === 'close').length;
    expect(toldToClose).to.be.greaterThan(histories.length / 2);
  });
});
