import { AsyncLocalStorage } from 'node:async_hooks';
import { expect } from 'chai';
import type { Express } from 'express';
import pg from 'pg';
import request from '../support/http.ts';
import { SYSTEM } from '../../application/actor.ts';
import { DeleteUser } from '../../application/admin/delete-user.ts';
import { ListUsers } from '../../application/admin/list-users.ts';
import { UpdateUser } from '../../application/admin/update-user.ts';
import type { AuditLog } from '../../application/ports/audit-log.ts';
import type { Transaction } from '../../application/ports/transaction.ts';
import type { UserRepo } from '../../application/ports/user-repo.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { aMember, type Member } from '../support/actors.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

for (const profile of PROFILES) {
  describe(`HTTP: administration and audit (${profile.name})`, () => {
    let runtime: Runtime;
    let app: Express;
    let admin: Member;
    let user: Member;
    let mod: Member;
    const api = (p: string) => `/api/v1${p}`;
    const as = (member: Member, req: request.Test) => req.set('Authorization', `Bearer ${member.token}`).set('X-Request-Id', 'req-audit-1');
    const audit = async (query: Record<string, string> = {}) =>
      (await as(admin, request(app).get(api('/admin/audit'))).query(query)).body.items as { action: string; actorId: string | null; targetId: string; ip: string; requestId: string; details: object }[];

    let env: Record<string, string>;

    beforeEach(async () => {
      // No grace for refresh-token replays: the audit test replays one at once and expects a theft.
      env = { ...(await profile.env()), REFRESH_REUSE_GRACE: '0s' };
      runtime = await testRuntime({ env });
      app = testApp(runtime, env);
      admin = await aMember(runtime, 'root', 'admin');
      user = await aMember(runtime, 'plain');
      mod = await aMember(runtime, 'mod', 'moderator');
    });
    afterEach(() => runtime.close());

    it('lists accounts newest first with q, role and status filters, in keyset pages', async () => {
      const odd = await aMember(runtime, 'odd_name');
      await as(odd, request(app).patch(api('/users/me'))).send({ displayName: '100% Real' });
      const all = await as(admin, request(app).get(api('/admin/users')));
      expect(all.status).to.equal(200);
      expect(all.body.items.map((u: { username: string }) => u.username)).to.deep.equal(['odd_name', 'mod', 'plain', 'root']);
      // LIKE wildcards are plain characters in the words: they match only themselves.
      for (const [q, expected] of [['_', ['odd_name']], ['%', ['odd_name']], ['0% r', ['odd_name']], ['p_ain', []], ['PLAIN', ['plain']], ['example.com', ['odd_name', 'mod', 'plain', 'root']]] as const) {
        const res = await as(admin, request(app).get(api('/admin/users'))).query({ q });
        expect(res.body.items.map((u: { username: string }) => u.username), q).to.deep.equal(expected);
      }
      const mods = await as(admin, request(app).get(api('/admin/users'))).query({ role: 'moderator' });
      expect(mods.body.items.map((u: { username: string }) => u.username)).to.deep.equal(['mod']);
      const first = await as(admin, request(app).get(api('/admin/users'))).query({ limit: 3 });
      const rest = await as(admin, request(app).get(api('/admin/users'))).query({ limit: 3, cursor: first.body.nextCursor });
      expect([...first.body.items, ...rest.body.items]).to.have.length(4);
      expect(rest.body.nextCursor).to.equal(null);
      expect(first.body.items[0]).to.have.property('email');
    });

    it('lets only admins in: users and moderators get 403', async () => {
      for (const member of [user, mod])
        for (const req of [
          request(app).get(api('/admin/users')),
          request(app).patch(api(`/admin/users/${user.id}`)).send({ role: 'admin' }),
          request(app).delete(api(`/admin/users/${user.id}`)),
          request(app).get(api('/admin/audit')),
        ])
          expect((await as(member, req)).status).to.equal(403);
    });

    it('applies a role change on the next request, with the token issued before it', async () => {
      expect((await as(user, request(app).post(api('/categories'))).send({ name: 'Dark' })).status).to.equal(403);
      const res = await as(admin, request(app).patch(api(`/admin/users/${user.id}`))).send({ role: 'moderator' });
      expect(res.status).to.equal(200);
      expect(res.body.role).to.equal('moderator');
      expect((await as(user, request(app).post(api('/categories'))).send({ name: 'Dark' })).status).to.equal(201);
    });

    it('disabling ends every session at once: access token 401, refresh token refused, login 403', async () => {
      const session = (await request(app).post(api('/auth/login')).send({ login: 'plain', password: 'correct horse battery' })).body;
      expect((await as(admin, request(app).patch(api(`/admin/users/${user.id}`))).send({ status: 'disabled' })).status).to.equal(200);
      expect((await as(user, request(app).get(api('/users/me')))).status).to.equal(401);
      expect((await request(app).post(api('/auth/refresh')).send({ refreshToken: session.refreshToken })).status).to.equal(401);
      expect((await request(app).post(api('/auth/login')).send({ login: 'plain', password: 'correct horse battery' })).status).to.equal(403);
      await as(admin, request(app).patch(api(`/admin/users/${user.id}`))).send({ status: 'active' });
      expect((await request(app).post(api('/auth/login')).send({ login: 'plain', password: 'correct horse battery' })).status).to.equal(200);
    });

    it('refuses to demote, disable or delete the last active admin (409 last_admin), also for themselves', async () => {
      for (const req of [
        request(app).patch(api(`/admin/users/${admin.id}`)).send({ role: 'user' }),
        request(app).patch(api(`/admin/users/${admin.id}`)).send({ status: 'disabled' }),
        request(app).delete(api(`/admin/users/${admin.id}`)),
        request(app).delete(api('/users/me')),
      ]) {
        const res = await as(admin, req);
        expect(res.status).to.equal(409);
        expect(res.body.code).to.equal('last_admin');
      }
      expect((await as(admin, request(app).get(api('/users/me')))).body.role).to.equal('admin');
    });

    it('of two admins demoting each other at the same moment, exactly one succeeds (HTTP)', async () => {
      const other = await aMember(runtime, 'root2', 'admin');
      const results = await Promise.all([
        as(admin, request(app).patch(api(`/admin/users/${other.id}`))).send({ role: 'user' }),
        as(other, request(app).patch(api(`/admin/users/${admin.id}`))).send({ role: 'user' }),
      ]);
      // The loser is refused as the last admin, or, authenticated after the winner's commit, as no admin at all.
      expect(results.filter((r) => r.status === 200)).to.have.length(1);
      expect([403, 409]).to.include(results.find((r) => r.status !== 200)!.status);
      const admins = await as(results[0]!.status === 200 ? admin : other, request(app).get(api('/admin/users'))).query({ role: 'admin', status: 'active' });
      expect(admins.body.items).to.have.length(1);
    });

    for (const action of ['demote', 'disable', 'delete'] as const)
      it(`of two admins who ${action} each other at the same moment, both already authenticated, exactly one succeeds`, async () => {
        const other = await aMember(runtime, 'root2', 'admin');
        holdFirstReaderUntilTheOtherIsHeldBack();
        const act = (actor: Member, target: Member) =>
          action === 'delete'
            ? runtime.container.get(DeleteUser).execute(actor.actor, target.id)
            : runtime.container.get(UpdateUser).execute(actor.actor, target.id, action === 'demote' ? { role: 'user' } : { status: 'disabled' });
        const results = await Promise.allSettled([caller.run('first', () => act(admin, other)), caller.run('second', () => act(other, admin))]);
        expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
        expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).to.equal('last_admin');
        const left = await runtime.container.get(ListUsers).execute(SYSTEM, { role: 'admin', status: 'active' });
        expect(left.items).to.have.length(1);
      });

    /**
     * Widens the race without sleeping: whichever caller reads the admins first pauses right after,
     * until the other one is provably held back by its lock (PostgreSQL shows a session waiting on a
     * lock; the memory database runs one transaction at a time, so the other has entered its own and
     * waits) or has read the admins as well, which only a broken lock allows.
     */
    const caller = new AsyncLocalStorage<'first' | 'second'>();
    function holdFirstReaderUntilTheOtherIsHeldBack(): void {
      const entered = new Set<string>();
      const read = new Set<string>();
      const tx = runtime.container.get<Transaction>(TYPES.Transaction);
      const run = tx.run.bind(tx);
      tx.run = (work) => {
        entered.add(caller.getStore() ?? 'nobody');
        return run(work);
      };
      const users = runtime.container.get<UserRepo>(TYPES.UserRepo);
      const lock = users.lockActiveAdminIds.bind(users);
      users.lockActiveAdminIds = async () => {
        const ids = await lock();
        const me = caller.getStore()!;
        const theOther = me === 'first' ? 'second' : 'first';
        read.add(me);
        if (read.size === 1)
          while (!read.has(theOther) && !(profile.name === 'memory' ? entered.has(theOther) : await aSessionWaitsOnALock()))
            await new Promise((resolve) => setImmediate(resolve));
        return ids;
      };
    }

    async function aSessionWaitsOnALock(): Promise<boolean> {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        return rows[0]!.n > 0;
      } finally {
        await client.end();
      }
    }

    it('deletes an account with its themes; the account is gone for good', async () => {
      await as(user, request(app).post(api('/themes'))).send({ name: 'Mine', status: 'published', colors: [{ name: 'a', hex: '#000000' }] });
      expect((await as(admin, request(app).delete(api(`/admin/users/${user.id}`)))).status).to.equal(204);
      expect((await request(app).get(api('/users/plain'))).status).to.equal(404);
      expect((await request(app).get(api('/themes'))).body.items).to.deep.equal([]);
      expect((await as(admin, request(app).delete(api(`/admin/users/${user.id}`)))).status).to.equal(404);
    });

    it('records the audited actions with actor, target, address and request id, and no secrets', async () => {
      await request(app).post(api('/auth/register')).set('X-Request-Id', 'req-audit-1').send({ email: 'new@example.com', username: 'newbie', password: 'a secret password' });
      await request(app).post(api('/auth/login')).send({ login: 'newbie', password: 'wrong password!' });
      await request(app).post(api('/auth/login')).send({ login: 'ghost', password: 'wrong password!' });
      const session = (await request(app).post(api('/auth/login')).send({ login: 'newbie', password: 'a secret password' })).body;
      const next = (await request(app).post(api('/auth/refresh')).send({ refreshToken: session.refreshToken })).body;
      // Before the reuse below: it revokes the family, and with it this access token.
      await request(app).put(api('/users/me/password')).set('Authorization', `Bearer ${next.accessToken}`).send({ currentPassword: 'a secret password', newPassword: 'another secret one' });
      await request(app).post(api('/auth/refresh')).send({ refreshToken: session.refreshToken });
      const category = (await as(mod, request(app).post(api('/categories'))).send({ name: 'Dark' })).body;
      await as(mod, request(app).patch(api(`/categories/${category.id}`))).send({ description: 'x' });
      await as(mod, request(app).delete(api(`/categories/${category.id}`)));
      const theme = (await as(user, request(app).post(api('/themes'))).send({ name: 'T', status: 'published', colors: [{ name: 'a', hex: '#000000' }] })).body;
      await as(mod, request(app).delete(api(`/themes/${theme.id}`)));
      await as(admin, request(app).patch(api(`/admin/users/${user.id}`))).send({ role: 'moderator' });
      await as(admin, request(app).delete(api(`/admin/users/${user.id}`)));
      for (let i = 0; i < 5; i++) await request(app).post(api('/auth/login')).send({ login: 'mod', password: 'wrong password!' });
      await request(app).delete(api('/users/me')).set('Authorization', `Bearer ${(await request(app).post(api('/auth/login')).send({ login: 'newbie', password: 'another secret one' })).body.accessToken}`);

      const events = await audit({ limit: '100' });
      const actions = events.map((e) => e.action);
      for (const action of [
        'user.registered',
        'auth.login_failed',
        'auth.login_succeeded',
        'auth.refresh_reused',
        'user.password_changed',
        'category.created',
        'category.updated',
        'category.deleted',
        'theme.deleted',
        'admin.user_updated',
        'admin.user_deleted',
        'auth.locked',
        'user.deleted',
      ])
        expect(actions, action).to.include(action);
      const registered = events.find((e) => e.action === 'user.registered' && e.requestId === 'req-audit-1')!;
      expect(registered.ip).to.match(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
      const updated = events.find((e) => e.action === 'admin.user_updated')!;
      expect(updated).to.deep.include({ actorId: admin.id, targetId: user.id, requestId: 'req-audit-1' });
      expect(updated.details).to.deep.equal({ before: { role: 'user', status: 'active' }, after: { role: 'moderator', status: 'active' } });
      const text = JSON.stringify(events);
      for (const secret of ['a secret password', 'another secret one', 'wrong password!', session.refreshToken, session.accessToken, '$2b$']) expect(text).to.not.include(secret);
      // Newest first, and filters work.
      expect(events.map((e) => e.action).at(-1)).to.equal('user.registered');
      expect((await audit({ action: 'category.created' })).map((e) => e.action)).to.deep.equal(['category.created']);
      expect(new Set((await audit({ actor: mod.id })).map((e) => e.actorId))).to.deep.equal(new Set([mod.id]));
    });

    it('writes an event in the same transaction as its change: a rolled-back change leaves no event', async () => {
      const log = runtime.container.get<AuditLog>(TYPES.AuditLog);
      const record = log.record.bind(log);
      log.record = async (event) => {
        await record(event);
        throw new Error('injected failure after the audit write');
      };
      const res = await as(mod, request(app).post(api('/categories'))).send({ name: 'Doomed' });
      expect(res.status).to.equal(500);
      log.record = record;
      expect((await request(app).get(api('/categories'))).body.items).to.deep.equal([]);
      expect(await audit({ action: 'category.created' })).to.deep.equal([]);
    });
  });
}
