import { expect } from 'chai';
import { anonymous, SYSTEM, type Actor } from '../../application/actor.ts';
import { AuthenticateAccessToken } from '../../application/auth/authenticate-access-token.ts';
import { Login } from '../../application/auth/login.ts';
import { Logout } from '../../application/auth/logout.ts';
import { PruneLoginRecords } from '../../application/auth/prune-login-records.ts';
import { PruneRefreshTokens } from '../../application/auth/prune-refresh-tokens.ts';
import { ListLogins } from '../../application/users/list-logins.ts';
import { LogoutAll } from '../../application/auth/logout-all.ts';
import { RefreshSession } from '../../application/auth/refresh-session.ts';
import { RegisterUser } from '../../application/auth/register-user.ts';
import type { Session } from '../../application/auth/session.ts';
import type { UserRepo } from '../../application/ports/user-repo.ts';
import { UpdateUser } from '../../application/admin/update-user.ts';
import { DeleteUser } from '../../application/admin/delete-user.ts';
import { ChangePassword } from '../../application/users/change-password.ts';
import { CreateUser } from '../../application/users/create-user.ts';
import { TooManyAttempts } from '../../domain/errors.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { testRuntime } from '../support/runtime.ts';

const nobody = anonymous({ ip: '203.0.113.9', requestId: 'test' });
const ada = { email: 'Ada@Example.com ', username: 'Ada', password: 'correct horse battery' };

describe('accounts and sessions (use-cases on memory adapters)', () => {
  let runtime: Runtime;
  let clock: FixedClock;
  const get = <T>(id: new (...args: never[]) => T): T => runtime.container.get(id as never);
  const register = (input: object = ada) => get(RegisterUser).execute(nobody, input);
  const login = (loginName: string, password: string) => get(Login).execute(nobody, { login: loginName, password });
  const actorOf = (session: Session): Promise<Actor> => get(AuthenticateAccessToken).execute(session.accessToken);
  const refresh = (refreshToken: string) => get(RefreshSession).execute(nobody, { refreshToken });

  beforeEach(async () => {
    clock = new FixedClock();
    runtime = await testRuntime({ clock });
  });
  afterEach(() => runtime.close());

  describe('RegisterUser', () => {
    it('normalises email and username and starts a session', async () => {
      const session = await register();
      expect(session.user.email).to.equal('ada@example.com');
      expect(session.user.username).to.equal('ada');
      expect(session.user.role).to.equal('user');
      expect(session.refreshToken.length).to.be.at.least(43); // 256 bits in base64url
      expect(await actorOf(session)).to.include({ kind: 'user', userId: session.user.id, role: 'user' });
    });

    it('refuses a taken email and a taken username, whatever their case', async () => {
      await register();
      expect((await rejectionOf(register({ ...ada, username: 'other' }))).code).to.equal('email_taken');
      expect((await rejectionOf(register({ ...ada, email: 'other@example.com', username: 'ADA' }))).code).to.equal('username_taken');
    });

    it('refuses passwords over 72 UTF-8 bytes rather than truncating them, and accepts exactly 72', async () => {
      const tooLong = 'é'.repeat(37); // 37 characters, 74 bytes
      const error = await rejectionOf(register({ ...ada, password: tooLong }));
      expect(error).to.deep.include({ code: 'validation_failed' });
      expect((error as unknown as { errors: unknown[] }).errors).to.deep.equal([{ path: 'password', message: 'must be at most 72 bytes in UTF-8' }]);
      const session = await register({ ...ada, password: 'é'.repeat(36) }); // 72 bytes
      expect(session.user.username).to.equal('ada');
    });

    it('names every invalid field, and refuses fields it does not know', async () => {
      const error = (await rejectionOf(register({ email: 'nope', username: 'a', password: 'short', role: 'admin' }))) as unknown as {
        errors: { path: string }[];
      };
      expect(error.errors.map((e) => e.path)).to.have.members(['email', 'username', 'password', 'role']);
      expect(await get<UserRepo>(TYPES.UserRepo as never).findByUsername('a')).to.equal(null);
    });
  });

  describe('Login', () => {
    beforeEach(() => register());

    it('accepts the email or the username, in any case', async () => {
      expect((await login('ADA@example.com', ada.password)).user.username).to.equal('ada');
      expect((await login('Ada', ada.password)).user.username).to.equal('ada');
    });

    it('gives the same answer for an unknown login and a wrong password', async () => {
      const unknown = await rejectionOf(login('nobody', ada.password));
      const wrong = await rejectionOf(login('ada', 'wrong password'));
      expect(unknown.code).to.equal('invalid_credentials');
      expect(wrong.code).to.equal('invalid_credentials');
      expect(unknown.message).to.equal(wrong.message);
    });

    it('locks a login after 5 failures in a row: the 5th still answers 401, then 429 even to the right password, for 15 minutes', async () => {
      for (let i = 0; i < 5; i++) expect((await rejectionOf(login('ada', 'wrong password'))).code).to.equal('invalid_credentials');
      const locked = await rejectionOf(login('ada', ada.password));
      expect(locked).to.be.instanceOf(TooManyAttempts);
      expect((locked as TooManyAttempts).retryAfterSeconds).to.equal(900);

      clock.advance(600);
      const stillLocked = await rejectionOf(login('ada', ada.password));
      expect(stillLocked.code).to.equal('too_many_attempts');
      expect((stillLocked as TooManyAttempts).retryAfterSeconds).to.equal(300);

      clock.advance(300);
      expect((await login('ada', ada.password)).user.username).to.equal('ada');
    });

    it('resets the count of failures on a success', async () => {
      for (let i = 0; i < 4; i++) await rejectionOf(login('ada', 'wrong password'));
      await login('ada', ada.password);
      for (let i = 0; i < 4; i++) expect((await rejectionOf(login('ada', 'wrong password'))).code).to.equal('invalid_credentials');
      expect((await login('ada', ada.password)).user.username).to.equal('ada');
    });

    it('counts unknown logins exactly as known ones, so a lockout tells nothing about which accounts exist', async () => {
      const answers = async (name: string) => {
        const codes: string[] = [];
        for (let i = 0; i < 6; i++) codes.push((await rejectionOf(login(name, 'wrong password'))).code!);
        return codes;
      };
      const expected = ['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'too_many_attempts'];
      expect(await answers('ada')).to.deep.equal(expected);
      expect(await answers('ghost')).to.deep.equal(expected);
      expect(await answers('ghost@example.com')).to.deep.equal(expected);
    });

    it('counts per login as typed (normalised): locking the username leaves the email usable', async () => {
      for (let i = 0; i < 5; i++) await rejectionOf(login('ADA ', 'wrong password'));
      expect((await rejectionOf(login('ada', ada.password))).code).to.equal('too_many_attempts');
      expect((await login('ada@example.com', ada.password)).user.username).to.equal('ada');
      // The success cleared both of the account's logins.
      expect((await login('ada', ada.password)).user.username).to.equal('ada');
    });

    it('forgets failures 15 minutes after the last one', async () => {
      for (let i = 0; i < 4; i++) await rejectionOf(login('ada', 'wrong password'));
      clock.advance(901);
      for (let i = 0; i < 4; i++) expect((await rejectionOf(login('ada', 'wrong password'))).code).to.equal('invalid_credentials');
      expect((await login('ada', ada.password)).user.username).to.equal('ada');
    });

    it('never lets in a password over 72 bytes, even when its first 72 bytes are the password (no bcrypt truncation)', async () => {
      const exact = 'a'.repeat(72);
      await register({ email: 'long@example.com', username: 'long', password: exact });
      for (const longer of [`${exact}xyz`, `${exact}a`, `${'a'.repeat(71)}é`])
        expect((await rejectionOf(login('long', longer))).code, longer.slice(68)).to.equal('invalid_credentials');
      expect((await login('long', exact)).user.username).to.equal('long');
    });

  });

  describe('PruneLoginRecords (housekeeping)', () => {
    it('forgets sign-in attempts after LOGIN_HISTORY_DAYS (90) and failure counts that can lock nothing any more', async () => {
      const session = await register();
      await rejectionOf(login('ada', 'wrong password'));
      await rejectionOf(login('ghost', 'wrong password'));
      const me = await actorOf(session);
      const history = async () => (await get(ListLogins).execute(me, {})).items.map((a) => a.outcome);
      expect(await history()).to.deep.equal(['failure']);

      clock.advance(901);
      expect(await get(PruneLoginRecords).execute()).to.deep.equal({ attempts: 0, counts: 2 });
      clock.advance(90 * 86400 - 902);
      expect(await get(PruneLoginRecords).execute()).to.deep.equal({ attempts: 0, counts: 0 });
      clock.advance(2);
      expect(await get(PruneLoginRecords).execute()).to.deep.equal({ attempts: 2, counts: 0 });
      expect(await history()).to.deep.equal([]);
    });
  });

  describe('PruneRefreshTokens (housekeeping)', () => {
    const DAY = 86400;
    const ACCESS_TTL = 15 * 60;

    it('forgets tokens ACCESS_TOKEN_TTL after they expired (a sign-in’s first with its last), and keeps those a replay can still be caught with', async () => {
      const forgotten = await register();
      const first = (await login('ada', ada.password)).refreshToken;
      const second = (await refresh(first)).refreshToken; // expires on day 30
      clock.advance(20 * DAY);
      const third = (await refresh(second)).refreshToken; // expires on day 50
      clock.advance(5 * DAY);
      const current = (await refresh(third)).refreshToken; // this sign-in now lasts until day 55
      const signedOut = await login('ada', ada.password);
      await get(Logout).execute(nobody, { refreshToken: signedOut.refreshToken });

      clock.advance(5 * DAY + ACCESS_TTL);
      expect(await get(PruneRefreshTokens).execute()).to.equal(0); // expired ACCESS_TOKEN_TTL ago, not before
      clock.advance(1);
      expect(await get(PruneRefreshTokens).execute()).to.equal(2); // the unused sign-in, and the spent second token
      expect((await rejectionOf(refresh(forgotten.refreshToken))).code).to.equal('invalid_refresh_token');
      expect((await rejectionOf(refresh(second))).code).to.equal('invalid_refresh_token');

      // The third token is spent but not expired: replaying it is still a theft, and ends the sign-in.
      expect((await rejectionOf(refresh(third))).code).to.equal('refresh_token_reused');
      expect((await rejectionOf(refresh(current))).code).to.equal('invalid_refresh_token');

      clock.advance(25 * DAY);
      expect(await get(PruneRefreshTokens).execute()).to.equal(4); // the rest of both sign-ins, expired on day 55 and 50
      expect(await get(PruneRefreshTokens).execute()).to.equal(0);
      expect((await rejectionOf(refresh(third))).code).to.equal('invalid_refresh_token');
    });
  });

  describe('access tokens', () => {
    it('expire after their lifetime (15 minutes by default)', async () => {
      const session = await register();
      clock.advance(899);
      await actorOf(session);
      clock.advance(2);
      expect((await rejectionOf(actorOf(session))).code).to.equal('unauthenticated');
    });

    it('are refused once the user is disabled or deleted, and the role is read afresh', async () => {
      const session = await register();
      expect(await actorOf(session)).to.include({ role: 'user' });
      await get(UpdateUser).execute(SYSTEM, session.user.id, { role: 'moderator' });
      expect(await actorOf(session)).to.include({ role: 'moderator' });
      await get(UpdateUser).execute(SYSTEM, session.user.id, { status: 'disabled' });
      expect((await rejectionOf(actorOf(session))).code).to.equal('unauthenticated');
      // Enabled again: the tokens issued before it was disabled stay dead.
      await get(UpdateUser).execute(SYSTEM, session.user.id, { status: 'active' });
      expect((await rejectionOf(actorOf(session))).code).to.equal('unauthenticated');
      const fresh = await login('ada', ada.password);
      expect(await actorOf(fresh)).to.include({ role: 'moderator' });
      await get(DeleteUser).execute(SYSTEM, session.user.id);
      expect((await rejectionOf(actorOf(fresh))).code).to.equal('unauthenticated');
    });

    it('are refused after logout-all and after a password change, from the next request on; new ones work', async () => {
      const session = await register();
      const actor = await actorOf(session);
      await get(LogoutAll).execute(actor);
      expect((await rejectionOf(actorOf(session))).code).to.equal('unauthenticated');
      const fresh = await login('ada', ada.password);
      await get(ChangePassword).execute(await actorOf(fresh), { currentPassword: ada.password, newPassword: 'a new good password' });
      expect((await rejectionOf(actorOf(fresh))).code).to.equal('unauthenticated');
      expect(await actorOf(await login('ada', 'a new good password'))).to.include({ userId: session.user.id });
    });

    it('are refused when forged, tampered with or garbage', async () => {
      const session = await register();
      const [header, payload, signature] = session.accessToken.split('.');
      const tampered = `${header}.${payload}x.${signature}`;
      for (const token of [tampered, 'garbage', `${header}.${payload}.`])
        expect((await rejectionOf(get(AuthenticateAccessToken).execute(token))).code).to.equal('unauthenticated');
    });
  });

  describe('RefreshSession', () => {
    it('rotates: the new token works and the old one is spent', async () => {
      const first = await register();
      const second = await get(RefreshSession).execute(nobody, { refreshToken: first.refreshToken });
      expect(second.refreshToken).to.not.equal(first.refreshToken);
      const third = await get(RefreshSession).execute(nobody, { refreshToken: second.refreshToken });
      expect(third.user.id).to.equal(first.user.id);
    });

    it('treats a spent token presented after the grace window as theft: its whole family is revoked, other logins are not', async () => {
      const stolen = await register();
      const otherLogin = await login('ada', ada.password);
      const owners = await refresh(stolen.refreshToken);
      clock.advance(11);

      expect((await rejectionOf(refresh(stolen.refreshToken))).code).to.equal('refresh_token_reused');
      expect((await rejectionOf(refresh(owners.refreshToken))).code).to.equal('invalid_refresh_token');
      const stillFine = await refresh(otherLogin.refreshToken);
      expect(stillFine.user.id).to.equal(stolen.user.id);
    });

    it('keeps two tabs that refresh with the same token at the same moment signed in, in one family', async () => {
      const session = await register();
      const [first, second] = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
      expect(first.refreshToken).to.not.equal(second.refreshToken);
      // Each tab goes on rotating its own token; a replay far later still reveals a theft and ends both.
      const firstNext = await refresh(first.refreshToken);
      await refresh(second.refreshToken);
      clock.advance(60);
      expect((await rejectionOf(refresh(session.refreshToken))).code).to.equal('refresh_token_reused');
      expect((await rejectionOf(refresh(firstNext.refreshToken))).code).to.equal('invalid_refresh_token');
    });

    it('answers a replay of the just-rotated token with a session of its family up to 10 s after the rotation, and revokes the family after', async () => {
      const session = await register();
      const rotated = await refresh(session.refreshToken);
      clock.advance(10);
      const latecomer = await refresh(session.refreshToken); // the edge of the window: a second tab
      expect(await actorOf(latecomer)).to.include({ userId: session.user.id });
      clock.advance(1);
      expect((await rejectionOf(refresh(session.refreshToken))).code).to.equal('refresh_token_reused');
      for (const token of [rotated.refreshToken, latecomer.refreshToken]) expect((await rejectionOf(refresh(token))).code).to.equal('invalid_refresh_token');
    });

    it('gives no grace to a replay of a token whose family was logged out, nor with REFRESH_REUSE_GRACE=0s', async () => {
      const session = await register();
      await refresh(session.refreshToken);
      await get(Logout).execute(nobody, { refreshToken: session.refreshToken });
      expect((await rejectionOf(refresh(session.refreshToken))).code).to.equal('refresh_token_reused');

      const strict = await testRuntime({ clock, env: { REFRESH_REUSE_GRACE: '0s' } });
      try {
        const first = await strict.container.get(RegisterUser).execute(nobody, ada);
        await strict.container.get(RefreshSession).execute(nobody, { refreshToken: first.refreshToken });
        expect((await rejectionOf(strict.container.get(RefreshSession).execute(nobody, { refreshToken: first.refreshToken }))).code).to.equal('refresh_token_reused');
      } finally {
        await strict.close();
      }
    });

    it('refuses an expired token (30 days by default) and an unknown one', async () => {
      const session = await register();
      clock.advance(30 * 86400);
      expect((await rejectionOf(get(RefreshSession).execute(nobody, { refreshToken: session.refreshToken }))).code).to.equal('invalid_refresh_token');
      expect((await rejectionOf(get(RefreshSession).execute(nobody, { refreshToken: 'not-a-token' }))).code).to.equal('invalid_refresh_token');
    });
  });

  describe('Logout and LogoutAll', () => {
    it('Logout revokes the family of the token presented and no other', async () => {
      const first = await register();
      const second = await login('ada', ada.password);
      await get(Logout).execute(nobody, { refreshToken: first.refreshToken });
      await get(Logout).execute(nobody, { refreshToken: first.refreshToken }); // idempotent
      expect((await rejectionOf(get(RefreshSession).execute(nobody, { refreshToken: first.refreshToken }))).code).to.equal('invalid_refresh_token');
      await get(RefreshSession).execute(nobody, { refreshToken: second.refreshToken });
      expect((await rejectionOf(get(Logout).execute(nobody, { refreshToken: 'unknown' }))).code).to.equal('invalid_refresh_token');
    });

    it('LogoutAll revokes every refresh token of the caller only', async () => {
      const first = await register();
      const second = await login('ada', ada.password);
      const bob = await register({ email: 'bob@example.com', username: 'bob', password: 'another password' });
      await get(LogoutAll).execute(await actorOf(first));
      for (const s of [first, second])
        expect((await rejectionOf(get(RefreshSession).execute(nobody, { refreshToken: s.refreshToken }))).code).to.equal('invalid_refresh_token');
      await get(RefreshSession).execute(nobody, { refreshToken: bob.refreshToken });
    });
  });

  describe('CreateUser', () => {
    it('lets the system (seed CLI) create an admin, and refuses users and anonymous callers', async () => {
      const admin = await get(CreateUser).execute(SYSTEM, { email: 'root@example.com', username: 'root', password: 'long enough', role: 'admin' });
      expect(admin.role).to.equal('admin');
      const user = await register();
      expect((await rejectionOf(get(CreateUser).execute(await actorOf(user), { ...ada, username: 'x1x', email: 'x@example.com' }))).code).to.equal('forbidden');
      expect((await rejectionOf(get(CreateUser).execute(nobody, { ...ada, username: 'x2x', email: 'y@example.com' }))).code).to.equal('unauthenticated');
    });
  });
});
