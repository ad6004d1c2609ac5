import { expect } from 'chai';
import type { Express } from 'express';
import request from '../support/http.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember, type Member } from '../support/actors.ts';
import type { ObjectCleanup } from '../../application/ports/object-cleanup.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { anImage } from '../support/images.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

const PASSWORD = 'correct horse battery';
const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

for (const profile of PROFILES)
  describe(`HTTP: lockout, sessions, login history and statistics (${profile.name})`, () => {
    let runtime: Runtime;
    let app: Express;
    let clock: FixedClock;
    let admin: Member;
    let ada: Member;
    const api = (path: string) => `/api/v1${path}`;
    const as = (member: Member, req: request.Test) => req.set('Authorization', `Bearer ${member.token}`);
    const login = (name: string, password = PASSWORD, userAgent = 'test-agent') =>
      request(app).post(api('/auth/login')).set('User-Agent', userAgent).send({ login: name, password });

    beforeEach(async () => {
      const env = await profile.env();
      clock = new FixedClock();
      runtime = await testRuntime({ env, clock });
      app = testApp(runtime, env);
      admin = await aMember(runtime, 'root', 'admin');
      ada = await aMember(runtime, 'ada');
    });
    afterEach(() => runtime.close());

    it('shows when an account last signed in, to itself and to admins; registering is not signing in', async () => {
      clock.advance(30);
      const session = (await login('ada')).body;
      expect(session.user.lastLoginAt).to.equal('2026-11-21T12:00:30.000Z');
      expect((await as(admin, request(app).get(api('/admin/users'))).query({ q: 'ada' })).body.items[0].lastLoginAt).to.equal('2026-11-21T12:00:30.000Z');
      const fresh = (await request(app).post(api('/auth/register')).send({ email: 'new@example.com', username: 'newbie', password: PASSWORD })).body;
      expect(fresh.user.lastLoginAt).to.equal(null);
    });

    it('keeps two tabs that refresh with the same token at the same moment signed in', async () => {
      const session = (await login('ada')).body;
      const tabs = await Promise.all([0, 1].map(() => request(app).post(api('/auth/refresh')).send({ refreshToken: session.refreshToken })));
      expect(tabs.map((t) => t.status)).to.deep.equal([200, 200]);
      for (const tab of tabs) expect((await request(app).post(api('/auth/refresh')).send({ refreshToken: tab.body.refreshToken })).status).to.equal(200);
      clock.advance(11);
      expect((await request(app).post(api('/auth/refresh')).send({ refreshToken: session.refreshToken })).body.code).to.equal('refresh_token_reused');
    });

    describe('sessions', () => {
      const bearer = (token: string, req: request.Test) => req.set('Authorization', `Bearer ${token}`);
      const list = async (token: string) => {
        const res = await bearer(token, request(app).get(api('/users/me/sessions')));
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.headers['cache-control']).to.equal('no-store');
        return res.body.items as { id: string; createdAt: string; lastUsedAt: string; ip: string | null; userAgent: string | null; browser: unknown; os: unknown; current: boolean }[];
      };

      it('lists one session per sign-in, last used first, with where from, browser and OS, and which one is asking', async () => {
        const laptop = (await login('ada', PASSWORD, WINDOWS_CHROME)).body;
        clock.advance(60);
        const phone = (await login('ada@example.com', PASSWORD, IPHONE_SAFARI)).body;
        clock.advance(60);
        const refreshed = (await request(app).post(api('/auth/refresh')).set('User-Agent', `${WINDOWS_CHROME} refreshed`).send({ refreshToken: laptop.refreshToken })).body;

        const seen = await list(phone.accessToken);
        expect(seen).to.have.length(3); // and the sign-in aMember made, without an origin
        const [first, second, third] = seen;
        expect(first).to.deep.include({ createdAt: '2026-11-21T12:00:00.000Z', lastUsedAt: '2026-11-21T12:02:00.000Z', userAgent: `${WINDOWS_CHROME} refreshed`, current: false });
        expect(first!.browser).to.deep.equal({ name: 'Chrome', version: '131.0.0.0' });
        expect(first!.os).to.deep.equal({ name: 'Windows', version: '10' });
        expect(first!.ip).to.match(/127\.0\.0\.1|::1/);
        expect(second).to.deep.include({ lastUsedAt: '2026-11-21T12:01:00.000Z', current: true, browser: { name: 'Safari', version: '17.5' }, os: { name: 'iOS', version: '17.5' } });
        expect(third).to.deep.include({ userAgent: null, ip: null, browser: null, os: null, current: false });
        expect((await list(refreshed.accessToken)).map((s) => s.current)).to.deep.equal([true, false, false]);
      });

      it('signs one session out (204, audited); another user’s, an ended or an unknown one is not found (404)', async () => {
        const laptop = (await login('ada', PASSWORD, WINDOWS_CHROME)).body;
        const phone = (await login('ada', PASSWORD, IPHONE_SAFARI)).body;
        const laptopId = (await list(laptop.accessToken)).find((s) => s.current)!.id;

        const bob = await aMember(runtime, 'bob');
        for (const [token, id] of [[bob.token, laptopId], [phone.accessToken, '00000000-0000-4000-8000-000000000000'], [phone.accessToken, 'not-a-uuid']] as const) {
          const res = await bearer(token, request(app).delete(api(`/users/me/sessions/${id}`)));
          expect(res.status).to.equal(404);
          expect(res.body.code).to.equal('not_found');
        }
        const res = await bearer(phone.accessToken, request(app).delete(api(`/users/me/sessions/${laptopId}`)));
        expect(res.status).to.equal(204);
        expect(res.headers['cache-control']).to.equal('no-store');
        expect((await request(app).post(api('/auth/refresh')).send({ refreshToken: laptop.refreshToken })).body.code).to.equal('invalid_refresh_token');
        expect((await list(phone.accessToken)).map((s) => s.id)).to.not.include(laptopId);
        expect((await bearer(phone.accessToken, request(app).delete(api(`/users/me/sessions/${laptopId}`)))).status).to.equal(404);
        const audit = (await as(admin, request(app).get(api('/admin/audit'))).query({ action: 'user.session_revoked' })).body.items;
        expect(audit).to.have.length(1);
        expect(audit[0]).to.deep.include({ actorId: ada.id, targetId: ada.id, details: { sessionId: laptopId } });
      });

      it('refuses the access token of a signed-out session at once (401), even one just used, and keeps the others', async () => {
        const laptop = (await login('ada', PASSWORD, WINDOWS_CHROME)).body;
        const phone = (await login('ada', PASSWORD, IPHONE_SAFARI)).body;
        const laptopId = (await list(laptop.accessToken)).find((s) => s.current)!.id;
        expect((await bearer(laptop.accessToken, request(app).get(api('/users/me')))).status).to.equal(200);

        expect((await bearer(phone.accessToken, request(app).delete(api(`/users/me/sessions/${laptopId}`)))).status).to.equal(204);
        const refused = await bearer(laptop.accessToken, request(app).get(api('/users/me')));
        expect(refused.status).to.equal(401);
        expect(refused.body.code).to.equal('unauthenticated');
        expect((await bearer(phone.accessToken, request(app).get(api('/users/me')))).status).to.equal(200);
        expect((await as(ada, request(app).get(api('/users/me')))).status).to.equal(200);
        // Still refused once its revocation is older than the cache: the rule is not a cache artefact.
        clock.advance(60);
        expect((await bearer(laptop.accessToken, request(app).get(api('/users/me')))).status).to.equal(401);
      });

      it('refuses the access token of a session signed out with its refresh token, or revoked on reuse', async () => {
        const laptop = (await login('ada')).body;
        expect((await bearer(laptop.accessToken, request(app).get(api('/users/me')))).status).to.equal(200);
        expect((await request(app).post(api('/auth/logout')).send({ refreshToken: laptop.refreshToken })).status).to.equal(204);
        expect((await bearer(laptop.accessToken, request(app).get(api('/users/me')))).status).to.equal(401);

        const phone = (await login('ada')).body;
        const rotated = (await request(app).post(api('/auth/refresh')).send({ refreshToken: phone.refreshToken })).body;
        expect((await bearer(rotated.accessToken, request(app).get(api('/users/me')))).status).to.equal(200);
        clock.advance(11);
        expect((await request(app).post(api('/auth/refresh')).send({ refreshToken: phone.refreshToken })).body.code).to.equal('refresh_token_reused');
        expect((await bearer(rotated.accessToken, request(app).get(api('/users/me')))).status).to.equal(401);
        expect((await as(ada, request(app).get(api('/users/me')))).status).to.equal(200);
      });

      it('ends every session on logout-all and on a password change', async () => {
        const laptop = (await login('ada')).body;
        await bearer(laptop.accessToken, request(app).post(api('/auth/logout-all')));
        const phone = (await login('ada')).body;
        expect((await list(phone.accessToken)).map((s) => s.current)).to.deep.equal([true]);
        await bearer(phone.accessToken, request(app).put(api('/users/me/password'))).send({ currentPassword: PASSWORD, newPassword: 'another password' });
        // The phone's access token was issued before the new password: refused at once (API.md), so
        // the sessions are looked at from a new sign-in, the only one left.
        expect((await bearer(phone.accessToken, request(app).get(api('/users/me/sessions')))).status).to.equal(401);
        const after = (await login('ada', 'another password')).body;
        expect((await list(after.accessToken)).map((s) => s.current)).to.deep.equal([true]);
      });
    });

    describe('login history', () => {
      type Attempt = { id: string; at: string; outcome: string; ip: string | null; userAgent: string | null; browser: unknown; os: unknown };
      const page = async (req: request.Test) => {
        const res = await req;
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.headers['cache-control']).to.equal('no-store');
        return res.body as { items: Attempt[]; nextCursor: string | null };
      };

      it('shows the account’s sign-in attempts newest first: successes, failures and refusals while locked, never another account’s', async () => {
        clock.advance(1);
        await login('ada', PASSWORD, IPHONE_SAFARI);
        for (let i = 0; i < 5; i++) {
          clock.advance(1);
          await login('ada@example.com', 'wrong password', WINDOWS_CHROME);
        }
        clock.advance(1);
        await login('ada@example.com', PASSWORD);
        await login('root', 'wrong password');
        await login('nobody', 'wrong password');

        const mine = await page(as(ada, request(app).get(api('/users/me/logins'))));
        expect(mine.items.map((a) => a.outcome)).to.deep.equal(['locked', 'failure', 'failure', 'failure', 'failure', 'failure', 'success', 'success']);
        expect(mine.items[0]).to.deep.include({ at: '2026-11-21T12:00:07.000Z', userAgent: 'test-agent', browser: null, os: null });
        expect(mine.items[1]).to.deep.include({ at: '2026-11-21T12:00:06.000Z', browser: { name: 'Chrome', version: '131.0.0.0' }, os: { name: 'Windows', version: '10' } });
        expect(mine.items[6]).to.deep.include({ outcome: 'success', browser: { name: 'Safari', version: '17.5' } });
        expect(mine.items[1]!.ip).to.match(/127\.0\.0\.1|::1/);
        expect(mine.items[7]).to.deep.include({ ip: null, userAgent: null }); // aMember's sign-in, made without a request
        expect(mine.nextCursor).to.equal(null);
        expect((await page(as(admin, request(app).get(api('/users/me/logins'))))).items.map((a) => a.outcome)).to.deep.equal(['failure', 'success']);
      });

      it('pages with limit and cursor, and refuses a cursor issued for another account', async () => {
        for (let i = 0; i < 4; i++) {
          clock.advance(1);
          await login('ada', 'wrong password');
        }
        const first = await page(as(ada, request(app).get(api('/users/me/logins'))).query({ limit: 2 }));
        const second = await page(as(ada, request(app).get(api('/users/me/logins'))).query({ limit: 2, cursor: first.nextCursor }));
        const third = await page(as(ada, request(app).get(api('/users/me/logins'))).query({ limit: 2, cursor: second.nextCursor }));
        const all = [...first.items, ...second.items, ...third.items];
        expect(all).to.have.length(5);
        expect(new Set(all.map((a) => a.id)).size).to.equal(5);
        expect(third.nextCursor).to.equal(null);
        const foreign = await as(admin, request(app).get(api('/users/me/logins'))).query({ cursor: first.nextCursor });
        expect([foreign.status, foreign.body.code]).to.deep.equal([400, 'invalid_cursor']);
        expect((await as(ada, request(app).get(api('/users/me/logins'))).query({ limit: 0 })).status).to.equal(422);
      });

      it('lets admins read any account’s history (404 for no such account); others get 403', async () => {
        clock.advance(1);
        await login('ada', 'wrong password');
        const theirs = await page(as(admin, request(app).get(api(`/admin/users/${ada.id}/logins`))));
        expect(theirs.items.map((a) => a.outcome)).to.deep.equal(['failure', 'success']);
        for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid'])
          expect((await as(admin, request(app).get(api(`/admin/users/${id}/logins`)))).status).to.equal(404);
        expect((await as(ada, request(app).get(api(`/admin/users/${admin.id}/logins`)))).status).to.equal(403);
      });
    });

    describe('statistics', () => {
      const stats = async (token = admin.token) => {
        const res = await request(app).get(api('/admin/stats')).set('Authorization', `Bearer ${token}`);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.headers['cache-control']).to.equal('no-store');
        return res.body;
      };

      it('counts users by role and status, locked accounts, themes by status, images and bytes, the last 24 h of sign-ins and the cleanup backlog', async () => {
        const mod = await aMember(runtime, 'mod', 'moderator');
        await as(admin, request(app).patch(api(`/admin/users/${mod.id}`))).send({ status: 'disabled' });
        const colors = [{ name: 'a', hex: '#000000' }];
        for (const status of ['published', 'published', 'draft']) await as(ada, request(app).post(api('/themes'))).send({ name: `T ${status}`, status, colors });
        const theme = (await as(ada, request(app).get(api('/themes'))).query({ owner: 'me' })).body.items[0];
        const image = (await as(ada, request(app).post(api(`/themes/${theme.id}/images`))).attach('file', await anImage('png', 64, 64), 'a.png')).body;
        for (let i = 0; i < 5; i++) await login('ada', 'wrong password');
        await login('ada');
        await login('ghost', 'wrong password');
        await runtime.container.get<ObjectCleanup>(TYPES.ObjectCleanup).schedule(['themes/x/stale'], clock.now());
        clock.advance(60);

        const body = await stats();
        expect(body).to.deep.include({
          generatedAt: clock.now().toISOString(),
          users: { byRole: { user: 1, moderator: 1, admin: 1 }, byStatus: { active: 2, disabled: 1 }, locked: 1 },
          themes: { byStatus: { draft: 1, published: 2 } },
          // root, ada and mod signed in (aMember), 5 + 1 failures, then ada refused while locked.
          logins: { since: new Date(clock.now().getTime() - 86400_000).toISOString(), succeeded: 3, failed: 6, locked: 1 },
          objectDeletionsDue: 1,
        });
        expect(body.images.count).to.equal(1);
        expect(body.images.bytes).to.be.greaterThan(image.size); // and its thumbnail

        clock.advance(86400); // all that is out of the 24-hour window, and the lock has ended
        const { accessToken } = (await login('root')).body;
        expect((await stats(accessToken)).logins).to.deep.include({ succeeded: 1, failed: 0, locked: 0 });
        expect((await stats(accessToken)).users.locked).to.equal(0);
      });

      it('serves the same counts for 5 seconds, then collects them again', async () => {
        const first = await stats();
        await aMember(runtime, 'newcomer');
        clock.advance(4);
        expect(await stats()).to.deep.equal(first);
        clock.advance(1);
        const fresh = await stats();
        expect(fresh.users.byRole.user).to.equal(first.users.byRole.user + 1);
        expect(fresh.generatedAt).to.not.equal(first.generatedAt);
      });
    });

    describe('lockout', () => {
      it('locks any login alike, known or unknown: the 5th failure answers 401, the 6th 429 with Retry-After', async () => {
        for (const name of ['ada', 'nobody', 'nobody@example.com']) {
          const statuses = [];
          for (let i = 0; i < 6; i++) statuses.push((await login(name, 'wrong password')).status);
          expect(statuses, name).to.deep.equal([401, 401, 401, 401, 401, 429]);
          const locked = await login(name);
          expect(locked.status).to.equal(429);
          expect(locked.body.code).to.equal('too_many_attempts');
          expect(locked.headers['retry-after']).to.equal('900');
        }
        clock.advance(900);
        expect((await login('ada')).status).to.equal(200);
      });

      it('an admin unlocks an account’s email and username with { unlock: true }, audited, role and status untouched', async () => {
        for (const name of ['ada', 'ada@example.com']) for (let i = 0; i < 5; i++) await login(name, 'wrong password');
        expect((await login('ada')).status).to.equal(429);
        const res = await as(admin, request(app).patch(api(`/admin/users/${ada.id}`))).send({ unlock: true });
        expect(res.status).to.equal(200);
        expect(res.body).to.include({ role: 'user', status: 'active' });
        expect((await login('ada')).status).to.equal(200);
        expect((await login('ada@example.com')).status).to.equal(200);

        clock.advance(1);
        const both = await as(admin, request(app).patch(api(`/admin/users/${ada.id}`))).send({ unlock: true, role: 'moderator' });
        expect(both.body.role).to.equal('moderator');
        const audit = (await as(admin, request(app).get(api('/admin/audit'))).query({ action: 'admin.user_unlocked' })).body.items;
        expect(audit.map((e: { targetId: string; actorId: string; details: object }) => [e.targetId, e.actorId, e.details])).to.deep.equal([
          [ada.id, admin.id, { wasLocked: false }],
          [ada.id, admin.id, { wasLocked: true }],
        ]);
        expect((await as(admin, request(app).get(api('/admin/audit'))).query({ action: 'admin.user_updated' })).body.items).to.have.length(1);
        expect((await as(admin, request(app).patch(api(`/admin/users/${ada.id}`))).send({ unlock: 'yes' })).status).to.equal(422);
      });
    });
  });
