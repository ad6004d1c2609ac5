import { expect } from 'chai';
import { ReadMissedEvents } from '../../application/realtime/read-missed-events.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RealtimeGateway } from '../../adapters/realtime/gateway.ts';
import type { Origin } from '../../application/actor.ts';
import { AuthenticateAccessToken } from '../../application/auth/authenticate-access-token.ts';
import type { EventLog } from '../../application/ports/event-log.ts';
import { listen, serveUpgrades } from '../../bootstrap/http-server.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { aMember, type Member } from '../support/actors.ts';
import request from '../support/http.ts';
import { liveServer, TestSocket, type EventFrame, type LiveServer } from '../support/realtime.ts';
import { PROFILES, silentLogger, testApp, testConfig, testRuntime } from '../support/runtime.ts';

/** Waits until `condition` holds (the server sees a close a moment after the client). */
async function eventually(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const COLORS = [
  { name: 'ink', hex: '#112233', role: 'text' },
  { name: 'paper', hex: '#f5f5f0', role: 'background' },
];
const PASSWORD = 'correct horse battery';

for (const profile of PROFILES)
  describe(`WebSocket API (${profile.name})`, () => {
    let runtime: Runtime;
    let live: LiveServer;
    let env: Record<string, string>;
    let ada: Member;
    let bob: Member;
    let mod: Member;
    let admin: Member;
    const sockets: TestSocket[] = [];
    const api = (path: string) => `/api/v1${path}`;
    const as = (member: Member, req: request.Test) => req.set('Authorization', `Bearer ${member.token}`);
    const open = async (options: { token?: string; query?: string; headers?: Record<string, string> } = {}) => {
      const socket = await TestSocket.open(live.ws, options);
      sockets.push(socket);
      return socket;
    };
    const start = async (extra: Record<string, string> = {}) => {
      env = { ...(await profile.env()), ...extra };
      runtime = await testRuntime({ env });
      live = await liveServer(runtime, env);
      ada = await aMember(runtime, 'ada');
      bob = await aMember(runtime, 'bob');
      mod = await aMember(runtime, 'mod', 'moderator');
      admin = await aMember(runtime, 'root', 'admin');
    };
    const createTheme = async (owner: Member, body: Record<string, unknown> = {}) => {
      const res = await as(owner, request(live.http).post(api('/themes'))).send({ name: 'Harbour', colors: COLORS, ...body });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body as { id: string; slug: string };
    };
    const patchTheme = async (who: Member, id: string, body: Record<string, unknown>) =>
      expect((await as(who, request(live.http).patch(api(`/themes/${id}`))).send(body)).status).to.equal(200);
    /** A published theme named `name`: the frame that tells of it marks that every earlier event has been seen. */
    const marker = async (name: string) => (await createTheme(admin, { name, status: 'published' })).id;
    const untilMarker = async (socket: TestSocket, themeId: string) => {
      await socket.next((f) => f.type === 'event' && (f as EventFrame).subject.themeId === themeId);
      return socket.events().filter((f) => f.subject.themeId !== themeId);
    };
    const login = async (name: string) => (await request(live.http).post(api('/auth/login')).send({ login: name, password: PASSWORD })).body.accessToken as string;

    afterEach(async () => {
      for (const socket of sockets.splice(0)) socket.close();
      await live?.close();
      await runtime?.close();
    });

    describe('channels and who may read them', () => {
      beforeEach(() => start());

      it('themes: what the public list shows — publications, changes, unpublications and deletions, never a draft', async () => {
        const socket = await open();
        expect(await socket.subscribe(['themes'])).to.deep.equal([{ type: 'subscribed', channel: 'themes' }]);
        const draft = await createTheme(ada);
        await patchTheme(ada, draft.id, { description: 'secret work' });
        await patchTheme(ada, draft.id, { status: 'published' });
        await patchTheme(ada, draft.id, { description: 'public now' });
        await patchTheme(mod, draft.id, { status: 'draft', name: 'Hidden' });
        await patchTheme(ada, draft.id, { description: 'secret again' });
        await as(ada, request(live.http).delete(api(`/themes/${draft.id}`))).expect(204);
        const other = await createTheme(bob, { status: 'published' });
        await as(bob, request(live.http).delete(api(`/themes/${other.id}`))).expect(204);
        const seen = await untilMarker(socket, await marker('Marker'));
        expect(seen.map((f) => [f.event, f.subject.themeId, f.channels])).to.deep.equal([
          ['theme.published', draft.id, ['themes']],
          ['theme.updated', draft.id, ['themes']],
          ['theme.unpublished', draft.id, ['themes']],
          ['theme.created', other.id, ['themes']],
          ['theme.deleted', other.id, ['themes']],
        ]);
        // Named as the public knew it, never by its draft name; nobody's actor id on a public channel.
        expect(seen[2]!.data).to.include({ name: 'Harbour', visibleBefore: true, visibleAfter: false });
        expect(seen.every((f) => !('actorId' in f))).to.equal(true);
        const ids = seen.map((f) => f.id);
        expect(ids).to.deep.equal([...ids].sort((x, y) => x - y));
      });

      it('themes:<id>: a published theme to anyone until it turns back into a draft; the draft to its owner and moderators only', async () => {
        const theme = await createTheme(ada, { status: 'published' });
        const anon = await open();
        const owner = await open({ token: ada.token });
        const moderator = await open({ token: mod.token });
        for (const socket of [anon, owner, moderator]) expect((await socket.subscribe([`themes:${theme.id}`]))[0]!.type).to.equal('subscribed');
        await patchTheme(ada, theme.id, { description: 'one' });
        await patchTheme(ada, theme.id, { status: 'draft' });
        await patchTheme(ada, theme.id, { description: 'two (a draft)' });
        await as(bob, request(live.http).put(api(`/themes/${theme.id}/favorite`))).expect(404);
        await patchTheme(ada, theme.id, { status: 'published' });
        const kinds = (socket: TestSocket) => socket.events().map((f) => f.event);
        await owner.next((f) => f.event === 'theme.published');
        await anon.next((f) => f.event === 'theme.published');
        await moderator.next((f) => f.event === 'theme.published');
        expect(kinds(owner)).to.deep.equal(['theme.updated', 'theme.unpublished', 'theme.updated', 'theme.published']);
        expect(kinds(moderator)).to.deep.equal(kinds(owner));
        expect(kinds(anon)).to.deep.equal(['theme.updated', 'theme.unpublished', 'theme.published']);

        // Someone else's draft is not found, as over REST; a channel that is none is refused.
        const draft = await createTheme(ada);
        const stranger = await open({ token: bob.token });
        expect(await stranger.subscribe([`themes:${draft.id}`, 'themes:nope', 'everything'])).to.deep.equal([
          { type: 'error', code: 'not_found', channel: `themes:${draft.id}`, message: 'theme was not found' },
          { type: 'error', code: 'validation_failed', channel: 'themes:nope', message: '1 field is invalid' },
          { type: 'error', code: 'validation_failed', channel: 'everything', message: '1 field is invalid' },
        ]);
        await patchTheme(ada, draft.id, { description: 'still secret' });
        await stranger.subscribe(['themes']);
        const m = await marker('After');
        await stranger.next((f) => f.type === 'event' && (f as EventFrame).subject.themeId === m);
        expect(stranger.events().map((f) => f.subject.themeId)).to.deep.equal([m]);
      });

      it('me: the caller’s notifications and account events, to nobody else; anonymous sockets may not subscribe', async () => {
        const anon = await open();
        expect(await anon.subscribe(['me', 'admin'])).to.deep.equal([
          { type: 'error', code: 'unauthenticated', channel: 'me', message: 'the channel me needs an access token' },
          { type: 'error', code: 'unauthenticated', channel: 'admin', message: 'the channel admin needs an access token' },
        ]);
        const theme = await createTheme(ada, { status: 'published' });
        const mine = await open({ token: ada.token });
        const bobs = await open({ token: bob.token });
        await mine.subscribe(['me']);
        await bobs.subscribe(['me']);
        await as(bob, request(live.http).put(api(`/themes/${theme.id}/favorite`))).expect(204);
        await patchTheme(mod, theme.id, { description: 'tidied' });
        await as(ada, request(live.http).patch(api('/users/me'))).send({ displayName: 'Ada L.' }).expect(200);
        const frames = [await mine.next((f) => f.type === 'event'), await mine.next((f) => f.type === 'event'), await mine.next((f) => f.type === 'event')] as EventFrame[];
        expect(frames.map((f) => [f.event, (f.notification as { kind: string } | undefined)?.kind ?? null])).to.deep.equal([
          ['favorite.added', 'theme_favorited'],
          ['theme.updated', 'theme_moderated'],
          ['user.profile_changed', null],
        ]);
        const stored = (await as(ada, request(live.http).get(api('/users/me/notifications')))).body.items as { id: number }[];
        expect(frames.slice(0, 2).map((f) => (f.notification as { id: number }).id)).to.deep.equal(stored.map((n) => n.id).reverse());
        expect(frames[0]).to.deep.include({ actorId: bob.id, channels: ['me'] });
        expect(frames[0]!.data).to.not.have.property('notificationId');
        // Bob favourited, and was told nothing about Ada.
        await as(bob, request(live.http).patch(api('/users/me'))).send({ displayName: 'Bob' }).expect(200);
        await bobs.next((f) => f.type === 'event');
        expect(bobs.events().map((f) => [f.event, f.subject.userId])).to.deep.equal([['user.profile_changed', bob.id]]);
      });

      it('admin: registrations, lockouts and refresh-token reuse to admins only; a demoted admin stops getting it at once', async () => {
        const moderator = await open({ token: mod.token });
        expect(await moderator.subscribe(['admin'])).to.deep.equal([{ type: 'error', code: 'forbidden', channel: 'admin', message: 'the channel admin is for administrators' }]);
        const other = await aMember(runtime, 'root2', 'admin');
        const socket = await open({ token: other.token });
        await socket.subscribe(['admin', 'me']);
        await request(live.http).post(api('/auth/register')).send({ email: 'new@example.com', username: 'newbie', password: PASSWORD }).expect(201);
        const registered = await socket.next<EventFrame>((f) => f.type === 'event');
        expect([registered.event, registered.channels, registered.data.username]).to.deep.equal(['user.registered', ['admin'], 'newbie']);

        await as(admin, request(live.http).patch(api(`/admin/users/${other.id}`))).send({ role: 'user' }).expect(200);
        expect(await socket.next((f) => f.type === 'unsubscribed')).to.deep.equal({ type: 'unsubscribed', channel: 'admin', reason: 'forbidden' });
        expect((await socket.next<EventFrame>((f) => f.type === 'event')).event).to.equal('user.role_changed');
        await request(live.http).post(api('/auth/register')).send({ email: 'late@example.com', username: 'late', password: PASSWORD }).expect(201);
        await as(admin, request(live.http).patch(api(`/admin/users/${other.id}`))).send({ role: 'moderator' }).expect(200);
        await socket.next((f) => f.type === 'event' && (f as EventFrame).data.to === 'moderator');
        expect(socket.events().map((f) => f.event)).to.deep.equal(['user.registered', 'user.role_changed', 'user.role_changed']);
      });
    });

    describe('resuming with since', () => {
      beforeEach(() => start());

      it('after a dropped connection, sends every missed event it may see, then live ones, without gap or duplicate', async () => {
        const first = await open();
        await first.subscribe(['themes']);
        const a = await createTheme(ada, { status: 'published' });
        const lastId = (await first.next<EventFrame>((f) => f.type === 'event')).id;
        first.ws.terminate();
        await first.closed;

        const missed = [await createTheme(bob, { status: 'published' }), await createTheme(bob)];
        await patchTheme(ada, a.id, { description: 'changed while away' });
        const again = await open({ query: `since=${lastId}` });
        await again.subscribe(['themes']);
        const caughtUp = await again.next((f) => f.type === 'caught_up');
        const live1 = await marker('Live');
        await again.next((f) => f.type === 'event' && (f as EventFrame).subject.themeId === live1);
        expect(again.events().map((f) => [f.event, f.subject.themeId])).to.deep.equal([
          ['theme.created', missed[0]!.id],
          ['theme.updated', a.id],
          ['theme.created', live1],
        ]);
        expect(caughtUp.lastId).to.be.at.least(again.events()[1]!.id);

        // since in the first message does the same; a second since is refused.
        const third = await open();
        await third.subscribe(['themes'], lastId);
        await third.next((f) => f.type === 'caught_up');
        expect(third.events().map((f) => f.subject.themeId)).to.deep.equal([missed[0]!.id, a.id, live1]);
        third.send({ type: 'subscribe', channels: ['themes'], since: 0 });
        expect((await third.next((f) => f.type === 'error')).code).to.equal('validation_failed');
        // So is a since after a subscription without one: it would send again what the socket already had.
        const live = await open();
        await live.subscribe(['themes']);
        live.send({ type: 'subscribe', channels: ['themes'], since: 0 });
        expect((await live.next((f) => f.type === 'error')).code).to.equal('validation_failed');
        expect(live.events()).to.deep.equal([]);
      });

      it('says when the log no longer reaches back to since (pruned, or past EVENT_RETENTION): caught_up is not complete', async () => {
        const watcher = await open();
        await watcher.subscribe(['themes']);
        await createTheme(ada, { status: 'published' });
        const gone = (await watcher.next<EventFrame>((f) => f.type === 'event')).id;
        await createTheme(bob, { status: 'published' });
        const kept = await watcher.next<EventFrame>((f) => f.type === 'event');
        // The housekeeping forgets the older event, as it does once it is past the retention.
        await runtime.scope(() => runtime.container.get<EventLog>(TYPES.EventLog).prune(new Date(Date.parse(kept.at as string))));
        const late = await open({ query: `since=${gone}` });
        await late.subscribe(['themes']);
        expect(await late.next((f) => f.type === 'caught_up')).to.deep.include({ complete: false });
        expect(late.events().map((f) => f.id)).to.deep.equal([kept.id]);
        const inTime = await open({ query: `since=${kept.id}` });
        await inTime.subscribe(['themes']);
        expect(await inTime.next((f) => f.type === 'caught_up')).to.deep.include({ complete: true, lastId: kept.id });
      });

      it('while changes commit concurrently, every client resuming from any point gets each event once, in order', async () => {
        const published: string[] = [];
        let writing = true;
        const writers = [ada, bob].map(async (owner) => {
          for (let i = 0; writing && i < 25; i++) published.push((await createTheme(owner, { name: `Concurrent ${i}`, status: 'published' })).id);
        });
        const clients: { socket: TestSocket; since: number }[] = [];
        for (let i = 0; i < 6; i++) {
          await new Promise((resolve) => setTimeout(resolve, 15));
          const since = Math.max(0, ...clients.flatMap((c) => c.socket.events().map((f) => f.id)), 0) - i;
          const socket = await open({ query: `since=${Math.max(0, since)}` });
          void socket.subscribe(['themes']);
          clients.push({ socket, since: Math.max(0, since) });
        }
        await Promise.all(writers);
        writing = false;
        const end = await marker('End');
        const all = (await runtime.scope(() => runtime.container.get(ReadMissedEvents).execute(0, 10_000))).events.filter((e) => e.type.startsWith('theme.'));
        for (const { socket, since } of clients) {
          await socket.next((f) => f.type === 'event' && (f as EventFrame).subject.themeId === end, 10_000);
          expect(socket.events().map((f) => f.id)).to.deep.equal(all.filter((e) => e.id > since).map((e) => e.id));
        }
        expect(published).to.have.length(50);
      });
    });

    describe('authentication', () => {
      it('refuses a token whose sessions end while it is being checked (logout-all racing the upgrade or the auth message)', async () => {
        await start();
        // The first check of each socket reads the user before the logout-all commits and answers after it.
        const real = runtime.container.get(AuthenticateAccessToken);
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        const checked = new Set<string>();
        const racing = {
          async withExpiry(token: string, origin?: Origin) {
            const result = await real.withExpiry(token, origin);
            if (!checked.has(token)) {
              checked.add(token);
              await released;
            }
            return result;
          },
        };
        const server = createServer(testApp(runtime, env));
        const gateway = new RealtimeGateway({
          use: (useCase) => (useCase === AuthenticateAccessToken ? racing : runtime.container.get(useCase as never)) as never,
          scope: runtime.scope,
          feed: runtime.container.get(TYPES.ChangeFeed),
          logger: silentLogger,
          limits: testConfig(env).realtime,
          now: () => new Date(),
        });
        serveUpgrades(server)(gateway);
        const { port } = (await listen(server, 0, '127.0.0.1')) as AddressInfo;
        try {
          const url = `ws://127.0.0.1:${port}/api/v1/ws`;
          const byUpgrade = TestSocket.open(url, { token: ada.token }).then(
            () => 0,
            (error: { status: number }) => error.status,
          );
          const byMessage = await TestSocket.open(url);
          byMessage.send({ type: 'auth', token: await login('ada') });
          await eventually(() => checked.size === 2);
          await as(ada, request(live.http).post(api('/auth/logout-all'))).expect(204);
          release();
          expect(await byUpgrade).to.equal(401);
          expect((await byMessage.next((f) => f.type === 'error' || f.type === 'authenticated')).code).to.equal('unauthenticated');
        } finally {
          await gateway.close();
          server.closeAllConnections();
          await new Promise((resolve) => server.close(resolve));
        }
      });

      it('takes the token in the bearer subprotocol (answered as bearer) or a first auth message; never in the URL', async () => {
        await start();
        const bySubprotocol = await open({ token: ada.token });
        expect(bySubprotocol.ws.protocol).to.equal('bearer');
        const byMessage = await open();
        byMessage.send({ type: 'auth', token: ada.token });
        expect(await byMessage.next()).to.deep.include({ type: 'authenticated', userId: ada.id, role: 'user' });
        expect((await byMessage.subscribe(['me']))[0]!.type).to.equal('subscribed');

        for (const query of [`token=${ada.token}`, `access_token=${ada.token}`, 'since=abc'])
          expect(await open({ query }).then(() => 0, (error: { status: number }) => error.status), query).to.equal(400);
        expect(await open({ token: 'not-a-token' }).then(() => 0, (error: { status: number }) => error.status)).to.equal(401);
        const bad = await open();
        bad.send({ type: 'auth', token: 'forged' });
        expect((await bad.next()).code).to.equal('unauthenticated');
        expect((await bad.closed).code).to.equal(4001);
        const malformed = await open();
        malformed.send('not json');
        expect((await malformed.next()).code).to.equal('malformed_message');
      });

      it('says auth_expired at the token’s exp, takes a fresh token on the same socket, and holds events meanwhile', async () => {
        await start({ ACCESS_TOKEN_TTL: '1s', WS_REAUTH_GRACE: '2s' });
        const socket = await open({ token: ada.token });
        await socket.subscribe(['me']);
        await socket.next((f) => f.type === 'auth_expired', 3000);
        await as(admin, request(live.http).patch(api(`/admin/users/${ada.id}`))).send({ role: 'moderator' }).expect(200);
        socket.send({ type: 'auth', token: await login('ada') });
        expect(await socket.next((f) => f.type === 'authenticated')).to.deep.include({ userId: ada.id, role: 'moderator' });
        expect((await socket.next<EventFrame>((f) => f.type === 'event')).event).to.equal('user.role_changed');
        // Someone else's token is refused on this socket.
        socket.send({ type: 'auth', token: await login('bob') });
        expect((await socket.next((f) => f.type === 'error')).code).to.equal('forbidden');
      });

      it('keeps a socket whose token lives longer than a Node timer can wait (ACCESS_TOKEN_TTL=30d)', async () => {
        await start({ ACCESS_TOKEN_TTL: '30d' });
        const socket = await open({ token: await login('ada') });
        await socket.next((f) => f.type === 'authenticated');
        await new Promise((resolve) => setTimeout(resolve, 50));
        socket.send({ type: 'ping' });
        await socket.next((f) => f.type === 'pong');
        expect(socket.frames.map((f) => f.type)).to.deep.equal(['authenticated', 'pong']);
      });

      it('closes with 4001 when no fresh token comes within the grace', async () => {
        await start({ ACCESS_TOKEN_TTL: '1s', WS_REAUTH_GRACE: '300ms' });
        const socket = await open({ token: ada.token });
        await socket.next((f) => f.type === 'auth_expired', 3000);
        expect((await socket.closed).code).to.equal(4001);
      });

      it('closes a user’s sockets at once on logout-all, a new password, disabling and deletion, and one session’s when it is signed out or its refresh token is replayed; others stay', async () => {
        // No grace for a replayed refresh token: the second use below is reuse at once.
        await start({ REFRESH_REUSE_GRACE: '0s' });
        const watcher = await open({ token: bob.token });
        const ended = async (member: Member, act: () => Promise<unknown>) => {
          const socket = await open({ token: member.token });
          const startedAt = Date.now();
          await act();
          expect((await socket.closed).code).to.equal(4003);
          expect(Date.now() - startedAt).to.be.below(1000);
        };
        await ended(ada, () => as(ada, request(live.http).post(api('/auth/logout-all'))).expect(204));
        const fresh = { ...ada, token: await login('ada') };
        await ended(fresh, () => as(fresh, request(live.http).put(api('/users/me/password'))).send({ currentPassword: PASSWORD, newPassword: 'another good one' }).expect(204));
        await ended(mod, () => as(admin, request(live.http).patch(api(`/admin/users/${mod.id}`))).send({ status: 'disabled' }).expect(200));
        const doomed = await aMember(runtime, 'doomed');
        await ended(doomed, () => as(admin, request(live.http).delete(api(`/admin/users/${doomed.id}`))).expect(204));
        // Signing one session out closes that session's sockets only.
        const [one, other] = [await request(live.http).post(api('/auth/login')).send({ login: 'bob', password: PASSWORD }), await request(live.http).post(api('/auth/login')).send({ login: 'bob', password: PASSWORD })];
        const oneSocket = await open({ token: one.body.accessToken as string });
        const otherSocket = await open({ token: other.body.accessToken as string });
        await request(live.http).post(api('/auth/logout')).send({ refreshToken: one.body.refreshToken }).expect(204);
        expect((await oneSocket.closed).code).to.equal(4003);
        otherSocket.send({ type: 'ping' });
        await otherSocket.next((f) => f.type === 'pong');
        // A refresh token replayed after its rotation revokes its session (a thief holds it): that session's sockets close too.
        const stolen = await request(live.http).post(api('/auth/login')).send({ login: 'bob', password: PASSWORD });
        const stolenSocket = await open({ token: stolen.body.accessToken as string });
        await request(live.http).post(api('/auth/refresh')).send({ refreshToken: stolen.body.refreshToken }).expect(200);
        await request(live.http).post(api('/auth/refresh')).send({ refreshToken: stolen.body.refreshToken }).expect(401);
        expect((await stolenSocket.closed).code).to.equal(4003);
        otherSocket.send({ type: 'ping' });
        await otherSocket.next((f) => f.type === 'pong');
        watcher.send({ type: 'ping' });
        expect(await watcher.next((f) => f.type === 'pong')).to.deep.equal({ type: 'pong' });
        expect(watcher.frames.map((f) => f.type)).to.deep.equal(['authenticated', 'pong']);
      });
    });

    describe('limits', () => {
      it('caps sockets per user (refused at upgrade, or closed 4029 when authenticating by message) and per address', async () => {
        await start({ WS_MAX_SOCKETS_PER_USER: '2', WS_MAX_SOCKETS_PER_ADDRESS: '4' });
        await open({ token: ada.token });
        await open({ token: ada.token });
        expect(await open({ token: ada.token }).then(() => 0, (error: { status: number }) => error.status)).to.equal(429);
        const byMessage = await open();
        byMessage.send({ type: 'auth', token: ada.token });
        expect((await byMessage.next()).code).to.equal('too_many_sockets');
        expect((await byMessage.closed).code).to.equal(4029);
        await eventually(() => live.gateway.connectionCount() === 2);
        await open({ token: bob.token });
        await open();
        expect(await open().then(() => 0, (error: { status: number }) => error.status)).to.equal(429);
        expect(live.gateway.connectionCount()).to.equal(4);
      });

      it('counts sockets per client address behind a trusted proxy (TRUST_PROXY), not per proxy', async () => {
        await start({ WS_MAX_SOCKETS_PER_ADDRESS: '2', TRUST_PROXY: 'loopback' });
        const from = (address: string) => ({ headers: { 'X-Forwarded-For': address } });
        await open(from('203.0.113.7'));
        await open(from('203.0.113.7'));
        expect(await open(from('203.0.113.7')).then(() => 0, (error: { status: number }) => error.status)).to.equal(429);
        // Another client behind the same proxy has its own count.
        await open(from('198.51.100.9'));
        expect(live.gateway.connectionCount()).to.equal(3);
      });

      it('closes a socket that sends more messages a minute than allowed with 1008', async () => {
        await start({ WS_MAX_MESSAGES_PER_MINUTE: '5' });
        const socket = await open();
        for (let i = 0; i < 6; i++) socket.send({ type: 'ping' });
        expect((await socket.closed).code).to.equal(1008);
        // The sixth is refused as it arrives: pongs for the first five may or may not have gone out before it.
        const types = socket.frames.map((f) => f.type);
        expect(types.at(-1)).to.equal('error');
        expect(socket.frames.at(-1)!.code).to.equal('rate_limited');
        expect(types.slice(0, -1).every((type) => type === 'pong') && types.length <= 6).to.equal(true);
      });

      it('closes every socket with 1001 when the server stops', async () => {
        await start();
        const socket = await open({ token: ada.token });
        const anon = await open();
        await live.gateway.close();
        expect((await socket.closed).code).to.equal(1001);
        expect((await anon.closed).code).to.equal(1001);
        expect(await open().then(() => 0, (error: { status: number }) => error.status)).to.equal(503);
      });
    });
  });
