import { expect } from 'chai';
import pg from 'pg';
import type { PostgresChangeFeed } from '../../adapters/persistence/mikro-orm/change-feed.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { aMember, type Member } from '../support/actors.ts';
import request from '../support/http.ts';
import { liveServer, TestSocket, type EventFrame, type LiveServer } from '../support/realtime.ts';
import { testRuntime } from '../support/runtime.ts';
import { migratedDatabaseUrl } from '../support/services.ts';

const COLORS = [{ name: 'ink', hex: '#112233', role: 'text' }];

/** Two server instances (A and B) on one PostgreSQL database, each with its own listener and sockets. */
describe('WebSocket API across two instances on one PostgreSQL', function () {
  this.timeout(30_000);
  const instances: { runtime: Runtime; live: LiveServer }[] = [];
  const sockets: TestSocket[] = [];
  let a: LiveServer;
  let b: LiveServer;
  let ada: Member;
  let url: string;

  beforeEach(async () => {
    url = await migratedDatabaseUrl();
    const env = { DATABASE_URL: url, JWT_SECRET: 'a-test-secret-that-is-long-enough-to-use' };
    for (let i = 0; i < 2; i++) {
      const runtime = await testRuntime({ env });
      instances.push({ runtime, live: await liveServer(runtime, env) });
    }
    [a, b] = instances.map((i) => i.live) as [LiveServer, LiveServer];
    ada = await aMember(instances[0]!.runtime, 'ada');
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    for (const { runtime, live } of instances.splice(0)) {
      await live.close();
      await runtime.close();
    }
  });

  const open = async (server: LiveServer, options: { token?: string; query?: string } = {}) => {
    const socket = await TestSocket.open(server.ws, options);
    sockets.push(socket);
    return socket;
  };
  const publish = async (server: LiveServer, name: string) => {
    const res = await request(server.http).post('/api/v1/themes').set('Authorization', `Bearer ${ada.token}`).send({ name, colors: COLORS, status: 'published' });
    expect(res.status).to.equal(201);
    return res.body.id as string;
  };
  const names = (socket: TestSocket) => socket.events().map((f) => f.data.name);

  it('delivers a change made through A to sockets on B, and closes B’s sockets on a logout-all made through A within a second', async () => {
    const onB = await open(b);
    await onB.subscribe(['themes']);
    await publish(a, 'Through A');
    expect((await onB.next<EventFrame>((f) => f.type === 'event')).data.name).to.equal('Through A');

    const adaOnB = await open(b, { token: ada.token });
    const startedAt = Date.now();
    await request(a.http).post('/api/v1/auth/logout-all').set('Authorization', `Bearer ${ada.token}`).expect(204);
    expect((await adaOnB.closed).code).to.equal(4003);
    expect(Date.now() - startedAt).to.be.below(1000);
  });

  it('loses nothing when B’s listener restarts: its sockets get what committed meanwhile, and a dropped socket resumes on A', async () => {
    const onB = await open(b);
    await onB.subscribe(['themes']);
    const dropped = await open(b);
    await dropped.subscribe(['themes']);
    await publish(a, 'before');
    await onB.next((f) => f.type === 'event');
    const lastId = (await dropped.next<EventFrame>((f) => f.type === 'event')).id;
    dropped.ws.terminate();

    const feedB = instances[1]!.runtime.container.get(TYPES.ChangeFeed) as PostgresChangeFeed;
    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    try {
      await sql.query('select pg_terminate_backend($1)', [feedB.listenerPid()]);
      await publish(a, 'while B was deaf');
      await publish(a, 'also then');
    } finally {
      await sql.end();
    }
    await onB.next((f) => f.type === 'event' && f.data !== undefined && (f as EventFrame).data.name === 'also then', 10_000);
    await publish(a, 'after');
    await onB.next((f) => f.type === 'event' && (f as EventFrame).data.name === 'after', 10_000);
    expect(names(onB)).to.deep.equal(['before', 'while B was deaf', 'also then', 'after']);

    const resumed = await open(a, { query: `since=${lastId}` });
    await resumed.subscribe(['themes']);
    await resumed.next((f) => f.type === 'caught_up');
    expect(names(resumed)).to.deep.equal(['while B was deaf', 'also then', 'after']);
  });
});
