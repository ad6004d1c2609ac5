import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import type { RealtimeLimits } from '../../adapters/realtime/limits.ts';
import { SocketSession } from '../../adapters/realtime/socket-session.ts';
import { anonymous } from '../../application/actor.ts';
import { AuthenticateAccessToken } from '../../application/auth/authenticate-access-token.ts';
import type { ChangeEvent } from '../../application/ports/event-log.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { silentLogger, testConfig, testRuntime } from '../support/runtime.ts';

/**
 * A peer that never reads: everything sent stays in its send buffer, as with a client whose TCP
 * window is full (on loopback the kernel would first absorb megabytes, too many for a test).
 */
class StalledPeer extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  closedWith: number | null = null;
  send(text: string): void {
    this.sent.push(text);
    this.bufferedAmount += Buffer.byteLength(text);
  }
  close(code: number): void {
    this.closedWith ??= code;
    this.readyState = 3;
    this.emit('close', code, Buffer.from(''));
  }
  terminate(): void {
    this.close(1006);
  }
  ping(): void {}
}

const published = (id: number): ChangeEvent => ({
  id,
  type: 'theme.updated',
  at: new Date('2026-11-21T12:00:00Z'),
  actorId: null,
  subject: { themeId: '00000000-0000-4000-8000-000000000001', userId: '00000000-0000-4000-8000-000000000002', categoryId: null, imageId: null },
  audience: 'public',
  data: { name: 'x'.repeat(80), slug: 'x', version: id, visibleBefore: true, visibleAfter: true, byModerator: false },
});

/** A session on a stalled peer, started anonymous, with the test limits and `limits` over them. */
function sessionOn(runtime: Runtime, limits: Partial<RealtimeLimits> = {}, since: number | null = null, scope: Runtime['scope'] = runtime.scope) {
  const peer = new StalledPeer();
  const s = new SocketSession(peer as unknown as WebSocket, {
    use: (useCase) => runtime.container.get(useCase as never),
    scope,
    limits: { ...testConfig().realtime, ...limits },
    logger: silentLogger,
    now: () => new Date(),
    origin: { ip: '127.0.0.1', requestId: null },
    authenticate: (token, origin) => scope(() => runtime.container.get(AuthenticateAccessToken).withExpiry(token, origin)),
    mayAuthenticate: () => true,
  });
  s.start(null, since, anonymous());
  return { peer, s };
}

describe('a socket that does not read (back-pressure)', () => {
  let runtime: Runtime;
  beforeEach(async () => {
    runtime = await testRuntime();
  });
  afterEach(() => runtime.close());

  const session = async (maxBufferBytes: number) => {
    const { peer, s } = sessionOn(runtime, { maxBufferBytes });
    peer.emit('message', Buffer.from(JSON.stringify({ type: 'subscribe', channels: ['themes'] })), false);
    for (let i = 0; i < 50 && !peer.sent.length; i++) await new Promise((resolve) => setImmediate(resolve));
    return { peer, s };
  };

  it('is closed with 1013 once its unsent bytes pass the limit, and is sent nothing more', async () => {
    const { peer, s } = await session(4096);
    let id = 0;
    while (peer.closedWith === null && id < 1000) s.offer(published(++id));
    expect(peer.closedWith).to.equal(1013);
    expect(peer.bufferedAmount).to.be.above(4096).and.below(4096 + 1024);
    const count = peer.sent.length;
    s.offer(published(id + 1));
    expect(peer.sent.length).to.equal(count);
  });

  it('is closed with 1013 when it asked to resume and never subscribes, rather than holding events without end', async () => {
    const { peer, s } = sessionOn(runtime, {}, 0);
    for (let id = 1; id <= 10_000; id++) s.offer(published(id));
    expect(peer.closedWith).to.equal(null);
    s.offer(published(10_001));
    expect(peer.closedWith).to.equal(1013);
    expect(peer.sent).to.deep.equal([]);
  });

  it('is kept while its buffer stays under the limit', async () => {
    const { peer, s } = await session(1024 * 1024);
    for (let id = 1; id <= 1000; id++) s.offer(published(id));
    expect(peer.closedWith).to.equal(null);
    expect(peer.sent.length).to.equal(1001);
  });
});

describe('a socket that floods messages behind a slow one', () => {
  it('is closed with 1008 as the message over the rate arrives, not after those queued before it were handled', async () => {
    const runtime = await testRuntime();
    try {
      // Every subscription waits for ever: what arrives after the first one only queues.
      const stuck: Runtime['scope'] = () => new Promise<never>(() => {});
      const { peer } = sessionOn(runtime, { maxMessagesPerMinute: 5 }, null, stuck);
      const subscribe = Buffer.from(JSON.stringify({ type: 'subscribe', channels: ['themes'] }));
      for (let i = 0; i < 5; i++) peer.emit('message', subscribe, false);
      expect(peer.closedWith).to.equal(null);
      peer.emit('message', subscribe, false);
      expect(peer.closedWith).to.equal(1008);
      expect(peer.sent.map((frame) => JSON.parse(String(frame)).code)).to.deep.equal(['rate_limited']);
    } finally {
      await runtime.close();
    }
  });
});

describe('a socket that stops answering pings', () => {
  it('is dropped at the ping after the one it did not answer; one that answers is kept', async () => {
    const runtime = await testRuntime();
    try {
      const dead = sessionOn(runtime);
      const alive = sessionOn(runtime);
      for (const round of [1, 2, 3]) {
        dead.s.ping();
        alive.s.ping();
        alive.peer.emit('pong');
        expect(dead.peer.closedWith, `round ${round}`).to.equal(round === 1 ? null : 1006);
      }
      expect(alive.peer.closedWith).to.equal(null);
    } finally {
      await runtime.close();
    }
  });
});
