import { expect } from 'chai';
import type { Express } from 'express';
import request from '../support/http.ts';
import { anonymous } from '../../application/actor.ts';
import { UpdateUser } from '../../application/admin/update-user.ts';
import { AuthenticateAccessToken } from '../../application/auth/authenticate-access-token.ts';
import { Login } from '../../application/auth/login.ts';
import { RefreshSession } from '../../application/auth/refresh-session.ts';
import type { PasswordHasher } from '../../application/ports/password-hasher.ts';
import type { ThemeRepo } from '../../application/ports/theme-repo.ts';
import type { UserRepo } from '../../application/ports/user-repo.ts';
import { ChangePassword } from '../../application/users/change-password.ts';
import { UpdateProfile } from '../../application/users/update-profile.ts';
import { rejectionOf } from '../support/expect-error.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { aMember, type Member } from '../support/actors.ts';
import { pauseAfterNext } from '../support/gate.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

const palette = [{ name: 'Deep', hex: '#0b3d91', role: 'primary' }];

/**
 * Concurrent writers, made deterministic: one request is held inside a port call while another
 * changes the same row, then released. What each wrote must survive as the rules say.
 */
for (const profile of PROFILES)
  describe(`lost updates (${profile.name})`, () => {
    let runtime: Runtime;
    let app: Express;
    let owner: Member;
    const api = (path: string) => `/api/v1${path}`;
    const as = (member: Member, req: request.Test) => req.set('Authorization', `Bearer ${member.token}`);

    beforeEach(async () => {
      const env = await profile.env();
      runtime = await testRuntime({ env });
      app = testApp(runtime, env);
      owner = await aMember(runtime, 'owner');
    });
    afterEach(() => runtime.close());

    describe('accounts', () => {
      let admin: Member;
      beforeEach(async () => (admin = await aMember(runtime, 'root', 'admin')));
      const users = () => runtime.container.get<UserRepo>(TYPES.UserRepo);
      const hasher = () => runtime.container.get<PasswordHasher>(TYPES.PasswordHasher);
      const stored = async () => (await users().findById(owner.id))!;

      const login = () => runtime.container.get(Login).execute(anonymous(), { login: 'owner', password: 'correct horse battery' });

      it('a disable made while a login verifies the password wins: the login is refused and the account stays disabled', async () => {
        const gate = pauseAfterNext(hasher(), 'verify');
        const loggingIn = rejectionOf(login());
        await gate.reached;
        await runtime.container.get(UpdateUser).execute(admin.actor, owner.id, { status: 'disabled' });
        gate.release();
        expect((await loggingIn).code).to.equal('forbidden');
        expect((await stored()).status).to.equal('disabled');
      });

      it('a disable that comes right after a login has stamped the account still wins: the new session is revoked', async () => {
        const gate = pauseAfterNext(users(), 'recordLogin');
        const loggingIn = login();
        await gate.reached; // inside the login's transaction, the account's row written
        const disabling = runtime.container.get(UpdateUser).execute(admin.actor, owner.id, { status: 'disabled' });
        gate.release();
        const [session] = await Promise.all([loggingIn, disabling]);
        expect((await stored()).status).to.equal('disabled');
        expect((await rejectionOf(runtime.container.get(RefreshSession).execute(anonymous(), { refreshToken: session.refreshToken }))).code).to.equal('invalid_refresh_token');
        expect((await rejectionOf(runtime.container.get(AuthenticateAccessToken).execute(session.accessToken))).code).to.equal('unauthenticated');
      });

      it('a role change made while a profile edit is in flight survives the edit, and the edit survives too', async () => {
        const gate = pauseAfterNext(users(), 'findById');
        const editing = runtime.container.get(UpdateProfile).execute(owner.actor, { displayName: 'Owner Prime', bio: 'hello' });
        await gate.reached;
        await runtime.container.get(UpdateUser).execute(admin.actor, owner.id, { role: 'moderator' });
        gate.release();
        await editing;
        expect((await stored()).toState()).to.deep.include({ role: 'moderator', displayName: 'Owner Prime', bio: 'hello' });
      });

      it('a disable made while a password change verifies the current password stays: the account is still disabled', async () => {
        const gate = pauseAfterNext(hasher(), 'verify');
        const changing = runtime.container.get(ChangePassword).execute(owner.actor, { currentPassword: 'correct horse battery', newPassword: 'a brand new one' });
        await gate.reached;
        await runtime.container.get(UpdateUser).execute(admin.actor, owner.id, { status: 'disabled' });
        gate.release();
        await changing;
        expect((await stored()).status).to.equal('disabled');
        expect((await rejectionOf(runtime.container.get(Login).execute(anonymous(), { login: 'owner', password: 'a brand new one' }))).code).to.equal('forbidden');
      });
    });

    describe('UpdateTheme', () => {
      const create = async (name: string) => (await as(owner, request(app).post(api('/themes'))).send({ name, colors: palette })).body as { id: string; slug: string };

      /** Renames `theme` to "Ocean" while another theme takes the slug it picked: its first write meets a slug conflict. */
      async function renameThroughSlugConflict(theme: { id: string }, ifMatch?: string): Promise<request.Response> {
        const gate = pauseAfterNext(runtime.container.get<ThemeRepo>(TYPES.ThemeRepo), 'slugsLike');
        const req = as(owner, request(app).patch(api(`/themes/${theme.id}`)));
        const renaming = (ifMatch ? req.set('If-Match', ifMatch) : req).send({ name: 'Ocean' }).then((res) => res);
        await gate.reached;
        expect((await create('Ocean')).slug).to.equal('ocean-2'); // the slug the paused rename picked
        gate.release();
        return renaming;
      }

      it('after a slug conflict, If-Match "1" still matches: one edit, version 2', async () => {
        await create('Ocean');
        const theme = await create('Other');
        const res = await renameThroughSlugConflict(theme, '"1"');
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body).to.include({ slug: 'ocean-3', name: 'Ocean', version: 2 });
        expect((await as(owner, request(app).get(api(`/themes/${theme.id}`)))).body.version).to.equal(2);
      });

      it('after a slug conflict without If-Match, the version grows by one', async () => {
        await create('Ocean');
        const theme = await create('Other');
        const res = await renameThroughSlugConflict(theme);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body).to.include({ slug: 'ocean-3', version: 2 });
      });

      it('a PATCH that changes nothing keeps version and updatedAt', async () => {
        const theme = (await as(owner, request(app).post(api('/themes'))).send({ name: 'Calm', description: 'quiet', tags: ['blue'], colors: palette })).body;
        for (const body of [{}, { name: 'Calm' }, { description: 'quiet', tags: ['Blue', 'blue'] }, { colors: palette, status: 'draft' }]) {
          const res = await as(owner, request(app).patch(api(`/themes/${theme.id}`))).set('If-Match', '"1"').send(body);
          expect(res.status, JSON.stringify(body)).to.equal(200);
          expect(res.body, JSON.stringify(body)).to.include({ version: 1, updatedAt: theme.updatedAt, slug: 'calm' });
          expect(res.headers.etag).to.equal('"1"');
        }
        const changed = await as(owner, request(app).patch(api(`/themes/${theme.id}`))).send({ description: 'loud' });
        expect(changed.body.version).to.equal(2);
        // A stale If-Match is refused even when the PATCH would change nothing.
        expect((await as(owner, request(app).patch(api(`/themes/${theme.id}`))).set('If-Match', '"1"').send({})).status).to.equal(412);
      });
    });
  });
