import { expect } from 'chai';
import http from 'node:http';
import { startServer, type ServerProcess } from '../support/server-process.ts';

type Outcome = { status: number; connection: string | undefined } | { error: string };

/** One POST on a keep-alive agent: the response's status and Connection header, or the socket error. */
function post(agent: http.Agent, url: string, body: object): Promise<Outcome> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
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
    server = await startServer({ ADAPTERS: 'memory', BCRYPT_COST: '6', AUTH_RATE_LIMIT: '0' });
    const url = server.url;
    // The start-up line says where to go and what to do next.
    const started = JSON.parse(server.logs.find((l) => l.includes('Themes API listening'))!) as Record<string, string>;
    expect(started).to.include({ api: `${url}/api/v1`, docs: `${url}/docs` });
    expect(started.msg).to.include(`docs ${url}/docs`);
    expect(started.next).to.match(/npm run seed .*npm run create-admin/);
    const account = { email: 'ada@example.com', username: 'ada', password: 'correct horse battery' };
    expect((await fetch(`${url}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) })).status).to.equal(201);

    const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
    let signalled = false;
    const clients = Array.from({ length: 200 }, async () => {
      const seen: Outcome[] = [];
      // Each client keeps its connection busy (a login is a bcrypt compare) until the server turns it away.
      for (;;) {
        const outcome = await post(agent, `${url}/api/v1/auth/login`, { login: 'ada', password: account.password });
        seen.push(outcome);
        if ('error' in outcome || (signalled && outcome.status !== 200)) return seen;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    signalled = true;
    const exited = server.stop('SIGTERM');
    const histories = await Promise.all(clients);
    agent.destroy();
    expect(await exited).to.equal(0);

    const outcomes = histories.flat();
    const errors = outcomes.flatMap((o) => ('error' in o ? [o.error] : []));
    const answered = outcomes.filter((o): o is { status: number; connection: string | undefined } => 'status' in o);
    expect(answered.length).to.be.greaterThan(200);
    expect(answered.filter((o) => o.status !== 200)).to.deep.equal([]);
    // Once stopping, connections are not reused: a client's next request finds the port closed (ECONNREFUSED),
    // never a connection reset under a request the server had read.
    expect(errors.filter((e) => e !== 'ECONNREFUSED')).to.deep.equal([]);
    // The last answer on every connection told the client to close it.
    for (const history of histories) {
      const last = history.findLast((o) => 'status' in o) as { connection: string | undefined } | undefined;
      expect(last?.connection).to.equal('close');
    }
  });
});
