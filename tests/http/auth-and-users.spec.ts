import { expect } from 'chai';
import request from '../support/http.ts';
import type { Express } from 'express';
import type { ObjectStore } from '../../application/ports/object-store.ts';
import type { UserRepo } from '../../application/ports/user-repo.ts';
import { MemoryObjectStore } from '../../adapters/storage/memory-object-store.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { testApp, testRuntime } from '../support/runtime.ts';

const ada = { email: 'ada@example.com', username: 'ada', password: 'correct horse battery', displayName: 'Ada' };

function expectProblem(res: request.Response, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
  expect(res.body).to.include({ type: 'about:blank', status, code });
  expect(res.body.title).to.be.a('string');
  expect(res.body.detail).to.be.a('string');
  expect(res.body.requestId).to.equal(res.headers['x-request-id']);
  expect(JSON.stringify(res.body)).to.not.match(/at .*\.ts:\d+|stack|select |insert /i);
}

describe('HTTP: auth and users', () => {
  let runtime: Runtime;
  let app: Express;
  let clock: FixedClock;
  const api = (path: string) => `/api/v1${path}`;
  const register = (body: object = ada) => request(app).post(api('/auth/register')).send(body);

  beforeEach(async () => {
    clock = new FixedClock(undefined, 1);
    runtime = await testRuntime({ clock });
    app = testApp(runtime);
  });
  afterEach(() => runtime.close());

  describe('conventions', () => {
    it('gives every response an X-Request-Id, echoing a well-formed one the client sent', async () => {
      const generated = await request(app).get('/health/live');
      expect(generated.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
      const echoed = await request(app).get('/health/live').set('X-Request-Id', 'client-id-42');
      expect(echoed.headers['x-request-id']).to.equal('client-id-42');
      const refused = await request(app).get('/health/live').set('X-Request-Id', 'bad id with spaces');
      expect(refused.headers['x-request-id']).to.not.equal('bad id with spaces');
    });

    it('answers unknown routes with a problem', async () => {
      expectProblem(await request(app).get(api('/nope')), 404, 'not_found');
    });

    it('refuses malformed JSON, non-object bodies, non-JSON bodies and deep nesting with 400', async () => {
      expectProblem(await request(app).post(api('/auth/login')).set('Content-Type', 'application/json').send('{"login":'), 400, 'malformed_request');
      expectProblem(await request(app).post(api('/auth/login')).send([1, 2]), 400, 'malformed_request');
      expectProblem(await request(app).post(api('/auth/login')).set('Content-Type', 'text/plain').send('login=ada'), 400, 'malformed_request');
      const deep = '['.repeat(40) + ']'.repeat(40);
      expectProblem(await request(app).post(api('/auth/login')).set('Content-Type', 'application/json').send(deep), 400, 'malformed_request');
    });

    it('refuses bodies over 1 MiB with 413', async () => {
      const res = await request(app)
        .post(api('/auth/register'))
        .send({ ...ada, displayName: 'x'.repeat(1024 * 1024 + 10) });
      expectProblem(res, 413, 'payload_too_large');
    });

    it('answers an unexpected fault with 500 and no internals', async () => {
      const users = runtime.container.get<UserRepo>(TYPES.UserRepo);
      users.findByEmail = async () => {
        throw new Error('select * from users: connection string postgres://secret');
      };
      const res = await register();
      expectProblem(res, 500, 'internal_error');
      expect(JSON.stringify(res.body)).to.not.include('secret');
    });

    it('sends no CORS headers unless the origin is allowed', async () => {
      const res = await request(app).get('/health/live').set('Origin', 'https://evil.example');
      expect(res.headers['access-control-allow-origin']).to.equal(undefined);
      const allowedRuntime = await testRuntime();
      const allowed = await request(testApp(allowedRuntime, { CORS_ORIGINS: 'https://app.example' }))
        .get('/health/live')
        .set('Origin', 'https://app.example');
      expect(allowed.headers['access-control-allow-origin']).to.equal('https://app.example');
      await allowedRuntime.close();
    });
  });

  describe('POST /auth/register', () => {
    it('creates the account: 201, Location, a Session with the private user', async () => {
      const res = await register();
      expect(res.status).to.equal(201);
      expect(res.headers.location).to.equal('http://themes.test/api/v1/users/ada');
      expect(res.body).to.include({ tokenType: 'Bearer', expiresIn: 900 });
      expect(res.body.user).to.include({ email: 'ada@example.com', username: 'ada', displayName: 'Ada', role: 'user', status: 'active', bio: '', avatar: null });
      expect(res.body.user).to.not.have.property('passwordHash');
      expect(res.body.accessToken).to.be.a('string');
      expect(res.body.refreshToken).to.be.a('string');
    });

    it('answers 409 email_taken and username_taken', async () => {
      await register();
      expectProblem(await register({ ...ada, username: 'other' }), 409, 'email_taken');
      expectProblem(await register({ ...ada, email: 'other@example.com', username: 'ADA' }), 409, 'username_taken');
    });

    it('answers 422 naming each bad field by its dotted path', async () => {
      const res = await register({ email: 'not-an-email', username: 'x', password: 'é'.repeat(40), extra: 1 });
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors.map((e: { path: string }) => e.path)).to.have.members(['email', 'username', 'password', 'extra']);
      expect(res.body.detail).to.equal('4 fields are invalid');
    });
  });

  describe('POST /auth/login', () => {
    beforeEach(() => register());

    it('logs in by username or email', async () => {
      expect((await request(app).post(api('/auth/login')).send({ login: 'ada', password: ada.password })).status).to.equal(200);
      const res = await request(app).post(api('/auth/login')).send({ login: 'ADA@example.com', password: ada.password });
      expect(res.status).to.equal(200);
      expect(res.body.user.username).to.equal('ada');
    });

    it('answers 401 invalid_credentials alike for an unknown login and a wrong password', async () => {
      const unknown = await request(app).post(api('/auth/login')).send({ login: 'ghost', password: ada.password });
      const wrong = await request(app).post(api('/auth/login')).send({ login: 'ada', password: 'wrong password' });
      expectProblem(unknown, 401, 'invalid_credentials');
      expectProblem(wrong, 401, 'invalid_credentials');
      expect(unknown.body.detail).to.equal(wrong.body.detail);
    });

    it('answers the 5th failure 401, then 429 with Retry-After, even to the right password, until the lock ends', async () => {
      for (let i = 0; i < 5; i++) expectProblem(await request(app).post(api('/auth/login')).send({ login: 'ada', password: 'wrong password' }), 401, 'invalid_credentials');
      const right = await request(app).post(api('/auth/login')).send({ login: 'ada', password: ada.password });
      expectProblem(right, 429, 'too_many_attempts');
      expect(right.headers['retry-after']).to.equal('900');
      clock.advance(899);
      const late = await request(app).post(api('/auth/login')).send({ login: 'ada', password: ada.password });
      expectProblem(late, 429, 'too_many_attempts');
      expect(late.headers['retry-after']).to.equal('1');
      clock.advance(1);
      expect((await request(app).post(api('/auth/login')).send({ login: 'ada', password: ada.password })).status).to.equal(200);
    });

    it('answers 403 to a disabled account with the right password', async () => {
      const users = runtime.container.get<UserRepo>(TYPES.UserRepo);
      const user = (await users.findByUsername('ada'))!;
      user.changeStatus('disabled', clock.now());
      await users.update(user);
      expectProblem(await request(app).post(api('/auth/login')).send({ login: 'ada', password: ada.password }), 403, 'forbidden');
    });
  });

  describe('POST /auth/token (OAuth2)', () => {
    beforeEach(() => register());

    it('grants a token for a password form, and refreshes it', async () => {
      const res = await request(app).post(api('/auth/token')).type('form').send({ grant_type: 'password', username: 'ada', password: ada.password });
      expect(res.status).to.equal(200);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.body).to.include({ token_type: 'bearer', expires_in: 900 });
      const me = await request(app).get(api('/users/me')).set('Authorization', `Bearer ${res.body.access_token}`);
      expect(me.status).to.equal(200);
      const refreshed = await request(app).post(api('/auth/token')).type('form').send({ grant_type: 'refresh_token', refresh_token: res.body.refresh_token });
      expect(refreshed.status).to.equal(200);
      expect(refreshed.body.refresh_token).to.not.equal(res.body.refresh_token);
    });

    it('refuses a wrong password, an unknown grant type and a JSON body', async () => {
      expectProblem(await request(app).post(api('/auth/token')).type('form').send({ grant_type: 'password', username: 'ada', password: 'nope nope' }), 401, 'invalid_credentials');
      expectProblem(await request(app).post(api('/auth/token')).type('form').send({ grant_type: 'client_credentials' }), 422, 'validation_failed');
      expectProblem(await request(app).post(api('/auth/token')).send({ grant_type: 'password' }), 400, 'malformed_request');
    });
  });

  describe('refresh and logout', () => {
    it('rotates refresh tokens and answers 401 refresh_token_reused to a spent one, revoking the newer one too', async () => {
      const first = (await register()).body;
      const second = await request(app).post(api('/auth/refresh')).send({ refreshToken: first.refreshToken });
      expect(second.status).to.equal(200);
      clock.advance(11); // past the grace window for a second tab
      expectProblem(await request(app).post(api('/auth/refresh')).send({ refreshToken: first.refreshToken }), 401, 'refresh_token_reused');
      expectProblem(await request(app).post(api('/auth/refresh')).send({ refreshToken: second.body.refreshToken }), 401, 'invalid_refresh_token');
    });

    it('logs out one family with 204, and everything with logout-all', async () => {
      const first = (await register()).body;
      const second = (await request(app).post(api('/auth/login')).send({ login: 'ada', password: ada.password })).body;
      expect((await request(app).post(api('/auth/logout')).send({ refreshToken: first.refreshToken })).status).to.equal(204);
      expectProblem(await request(app).post(api('/auth/refresh')).send({ refreshToken: first.refreshToken }), 401, 'invalid_refresh_token');
      expectProblem(await request(app).post(api('/auth/logout')).send({ refreshToken: 'never-issued' }), 401, 'invalid_refresh_token');

      const unauth = await request(app).post(api('/auth/logout-all'));
      expectProblem(unauth, 401, 'unauthenticated');
      expect(unauth.headers['www-authenticate']).to.match(/^Bearer/);
      expect((await request(app).post(api('/auth/logout-all')).set('Authorization', `Bearer ${second.accessToken}`)).status).to.equal(204);
      expectProblem(await request(app).post(api('/auth/refresh')).send({ refreshToken: second.refreshToken }), 401, 'invalid_refresh_token');
    });
  });

  describe('/users', () => {
    let token: string;
    beforeEach(async () => (token = (await register()).body.accessToken));
    const auth = () => ({ Authorization: `Bearer ${token}` });

    it('GET /users/me needs a valid token, with WWW-Authenticate on refusal', async () => {
      expect((await request(app).get(api('/users/me')).set(auth())).body.email).to.equal('ada@example.com');
      for (const header of [undefined, 'Bearer not.a.jwt', 'Basic YWRhOnB3', `Bearer ${token}x`]) {
        const req = request(app).get(api('/users/me'));
        const res = header ? await req.set('Authorization', header) : await req;
        expectProblem(res, 401, 'unauthenticated');
        expect(res.headers['www-authenticate']).to.match(/^Bearer/);
      }
    });

    it('PATCH /users/me updates the profile and refuses role, status and email with 422', async () => {
      const ok = await request(app).patch(api('/users/me')).set(auth()).send({ displayName: 'Ada L.', bio: 'hi' });
      expect(ok.status).to.equal(200);
      expect(ok.body).to.include({ displayName: 'Ada L.', bio: 'hi' });
      const bad = await request(app).patch(api('/users/me')).set(auth()).send({ role: 'admin' });
      expectProblem(bad, 422, 'validation_failed');
      expect(bad.body.errors).to.deep.equal([{ path: 'role', message: 'is not an accepted field' }]);
    });

    it('PUT /users/me/password answers 204, or 401 invalid_credentials for a wrong current password', async () => {
      expectProblem(
        await request(app).put(api('/users/me/password')).set(auth()).send({ currentPassword: 'wrong password', newPassword: 'brand new password' }),
        401,
        'invalid_credentials',
      );
      const res = await request(app).put(api('/users/me/password')).set(auth()).send({ currentPassword: ada.password, newPassword: 'brand new password' });
      expect(res.status).to.equal(204);
      expect((await request(app).post(api('/auth/login')).send({ login: 'ada', password: 'brand new password' })).status).to.equal(200);
    });

    it('GET /users/{username} is public and never shows the email', async () => {
      const res = await request(app).get(api('/users/ADA'));
      expect(res.status).to.equal(200);
      expect(res.body).to.have.all.keys('id', 'username', 'displayName', 'bio', 'avatar', 'createdAt');
      expectProblem(await request(app).get(api('/users/ghost')), 404, 'not_found');
    });

    it('DELETE /users/me answers 204; the token then answers 401', async () => {
      expect((await request(app).delete(api('/users/me')).set(auth())).status).to.equal(204);
      expectProblem(await request(app).get(api('/users/me')).set(auth()), 401, 'unauthenticated');
      expectProblem(await request(app).get(api('/users/ada')), 404, 'not_found');
    });
  });

  describe('health', () => {
    it('/health/live and /health/ready answer ok', async () => {
      expect((await request(app).get('/health/live')).body).to.deep.equal({ status: 'ok' });
      expect((await request(app).get('/health/ready')).body).to.deep.equal({ status: 'ok', checks: { database: 'ok', objectStore: 'ok' } });
    });

    it('/health/ready answers 503 naming the failing check', async () => {
      const broken: ObjectStore = Object.assign(new MemoryObjectStore(), {
        checkReady: async () => {
          throw new Error('down');
        },
      });
      const failing = await testRuntime({ objectStore: broken });
      const res = await request(testApp(failing)).get('/health/ready');
      expect(res.status).to.equal(503);
      expect(res.body).to.deep.equal({ status: 'failing', checks: { database: 'ok', objectStore: 'failing' } });
      await failing.close();
    });
  });
});
