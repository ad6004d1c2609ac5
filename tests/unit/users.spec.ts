import { expect } from 'chai';
import { anonymous, SYSTEM, type Actor } from '../../application/actor.ts';
import { AuthenticateAccessToken } from '../../application/auth/authenticate-access-token.ts';
import { Login } from '../../application/auth/login.ts';
import { RefreshSession } from '../../application/auth/refresh-session.ts';
import { RegisterUser } from '../../application/auth/register-user.ts';
import type { Session } from '../../application/auth/session.ts';
import { ChangePassword } from '../../application/users/change-password.ts';
import { CreateUser } from '../../application/users/create-user.ts';
import { DeleteAccount } from '../../application/users/delete-account.ts';
import { GetMe } from '../../application/users/get-me.ts';
import { GetPublicProfile } from '../../application/users/get-public-profile.ts';
import { UpdateProfile } from '../../application/users/update-profile.ts';
import type { UserRepo } from '../../application/ports/user-repo.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { testRuntime } from '../support/runtime.ts';

const nobody = anonymous();

describe('profiles and account lifecycle (use-cases on memory adapters)', () => {
  let runtime: Runtime;
  let clock: FixedClock;
  let ada: Session;
  let adaActor: Actor;
  const get = <T>(id: new (...args: never[]) => T): T => runtime.container.get(id as never);
  const users = () => runtime.container.get<UserRepo>(TYPES.UserRepo);

  beforeEach(async () => {
    clock = new FixedClock();
    runtime = await testRuntime({ clock });
    ada = await get(RegisterUser).execute(nobody, { email: 'ada@example.com', username: 'ada', password: 'correct horse battery' });
    adaActor = await get(AuthenticateAccessToken).execute(ada.accessToken);
  });
  afterEach(() => runtime.close());

  it('GetMe returns the caller and refuses anonymous callers', async () => {
    expect((await get(GetMe).execute(adaActor)).email).to.equal('ada@example.com');
    expect((await rejectionOf(get(GetMe).execute(nobody))).code).to.equal('unauthenticated');
  });

  describe('UpdateProfile', () => {
    it('changes display name, bio and username, and moves updatedAt', async () => {
      clock.advance(60);
      const user = await get(UpdateProfile).execute(adaActor, { displayName: '  Ada L. ', bio: 'Blue things.', username: 'Lovelace' });
      expect(user).to.include({ displayName: 'Ada L.', bio: 'Blue things.', username: 'lovelace' });
      expect(user.updatedAt.toISOString()).to.equal('2026-11-21T12:01:00.000Z');
      expect((await get(GetPublicProfile).execute('lovelace')).id).to.equal(user.id);
    });

    it('refuses role, status and email, and changes nothing', async () => {
      for (const field of [{ role: 'admin' }, { status: 'disabled' }, { email: 'x@example.com' }]) {
        const error = (await rejectionOf(get(UpdateProfile).execute(adaActor, { displayName: 'X', ...field }))) as unknown as { code: string; errors: { path: string }[] };
        expect(error.code).to.equal('validation_failed');
        expect(error.errors.map((e) => e.path)).to.deep.equal(Object.keys(field));
      }
      expect(await get(GetMe).execute(adaActor)).to.include({ role: 'user', status: 'active', displayName: 'ada' });
    });

    it('refuses a username someone else holds', async () => {
      await get(RegisterUser).execute(nobody, { email: 'bob@example.com', username: 'bob', password: 'another password' });
      expect((await rejectionOf(get(UpdateProfile).execute(adaActor, { username: 'BOB' }))).code).to.equal('username_taken');
      expect(await get(UpdateProfile).execute(adaActor, { username: 'ada' })).to.include({ username: 'ada' });
    });

    it('refuses a display name that is empty or too long and a bio over 500 characters', async () => {
      for (const bad of [{ displayName: '   ' }, { displayName: 'x'.repeat(65) }, { bio: 'x'.repeat(501) }])
        expect((await rejectionOf(get(UpdateProfile).execute(adaActor, bad))).code).to.equal('validation_failed');
    });
  });

  describe('ChangePassword', () => {
    it('needs the current password, then ends every session and lets the new password in', async () => {
      expect((await rejectionOf(get(ChangePassword).execute(adaActor, { currentPassword: 'wrong one', newPassword: 'a new password' }))).code).to.equal(
        'invalid_credentials',
      );
      await get(ChangePassword).execute(adaActor, { currentPassword: 'correct horse battery', newPassword: 'a new password' });
      expect((await rejectionOf(get(RefreshSession).execute(nobody, { refreshToken: ada.refreshToken }))).code).to.equal('invalid_refresh_token');
      expect((await rejectionOf(get(Login).execute(nobody, { login: 'ada', password: 'correct horse battery' }))).code).to.equal('invalid_credentials');
      await get(Login).execute(nobody, { login: 'ada', password: 'a new password' });
    });

    it('refuses a current password over 72 bytes whose first 72 bytes are the password', async () => {
      const exact = 'p'.repeat(72);
      await get(ChangePassword).execute(adaActor, { currentPassword: 'correct horse battery', newPassword: exact });
      const fresh = await get(AuthenticateAccessToken).execute((await get(Login).execute(nobody, { login: 'ada', password: exact })).accessToken);
      const error = await rejectionOf(get(ChangePassword).execute(fresh, { currentPassword: `${exact}xyz`, newPassword: 'taken over now' }));
      expect(error.code).to.equal('invalid_credentials');
      await get(Login).execute(nobody, { login: 'ada', password: exact });
    });

    it('applies the password policy to the new password', async () => {
      const error = await rejectionOf(get(ChangePassword).execute(adaActor, { currentPassword: 'correct horse battery', newPassword: 'short' }));
      expect(error.code).to.equal('validation_failed');
    });
  });

  describe('GetPublicProfile', () => {
    it('finds users case-insensitively, and hides unknown and disabled ones', async () => {
      expect((await get(GetPublicProfile).execute('ADA')).id).to.equal(ada.user.id);
      expect((await rejectionOf(get(GetPublicProfile).execute('nobody'))).code).to.equal('not_found');
      const user = (await users().findById(ada.user.id))!;
      user.changeStatus('disabled', clock.now());
      await users().update(user);
      expect((await rejectionOf(get(GetPublicProfile).execute('ada'))).code).to.equal('not_found');
    });
  });

  describe('DeleteAccount', () => {
    it('removes the account: its tokens stop working and its name is free again', async () => {
      await get(DeleteAccount).execute(adaActor);
      expect(await users().findById(ada.user.id)).to.equal(null);
      expect((await rejectionOf(get(AuthenticateAccessToken).execute(ada.accessToken))).code).to.equal('unauthenticated');
      expect((await rejectionOf(get(RefreshSession).execute(nobody, { refreshToken: ada.refreshToken }))).code).to.equal('invalid_refresh_token');
      await get(RegisterUser).execute(nobody, { email: 'ada@example.com', username: 'ada', password: 'correct horse battery' });
    });

    it('refuses to delete the last active admin, and allows it once another admin exists', async () => {
      const root = await get(CreateUser).execute(SYSTEM, { email: 'root@example.com', username: 'root', password: 'long enough', role: 'admin' });
      const rootActor = await get(AuthenticateAccessToken).execute((await get(Login).execute(nobody, { login: 'root', password: 'long enough' })).accessToken);
      expect((await rejectionOf(get(DeleteAccount).execute(rootActor))).code).to.equal('last_admin');
      expect(await users().findById(root.id)).to.not.equal(null);
      await get(CreateUser).execute(SYSTEM, { email: 'second@example.com', username: 'second', password: 'long enough', role: 'admin' });
      await get(DeleteAccount).execute(rootActor);
      expect(await users().findById(root.id)).to.equal(null);
    });
  });
});
