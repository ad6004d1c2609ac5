import { expect } from 'chai';
import request from '../support/http.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

for (const profile of PROFILES)
  describe(`HTTP: rate limit of /auth/* per client address (${profile.name})`, () => {
    it('answers 429 with Retry-After past AUTH_RATE_LIMIT a minute, per address, and again in the next minute', async () => {
      const clock = new FixedClock('2026-11-21T12:00:15.000Z');
      const env = { ...(await profile.env()), AUTH_RATE_LIMIT: '3', TRUST_PROXY: 'true' };
      const runtime = await testRuntime({ env, clock });
      try {
        const app = testApp(runtime, env);
        const login = (ip: string) => request(app).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ login: 'ghost', password: 'whatever it is' });
        for (let i = 0; i < 3; i++) expect((await login('198.51.100.1')).status).to.equal(401);
        const limited = await login('198.51.100.1');
        expect(limited.status).to.equal(429);
        expect(limited.body.code).to.equal('too_many_attempts');
        expect(limited.headers['retry-after']).to.equal('45');
        expect((await login('198.51.100.2')).status).to.equal(401);
        // Other routes are not limited.
        expect((await request(app).get('/api/v1/categories').set('X-Forwarded-For', '198.51.100.1')).status).to.equal(200);
        // Still limited in the last second of the minute; free again at the start of the next.
        clock.advance(44.999);
        expect((await login('198.51.100.1')).headers['retry-after']).to.equal('1');
        clock.advance(0.001);
        expect((await login('198.51.100.1')).status).to.equal(401);
      } finally {
        await runtime.close();
      }
    });
  });

const postgres = PROFILES.find((p) => p.name === 'PostgreSQL');
if (postgres)
  describe('HTTP: the PostgreSQL rate limit is shared by every instance on the database', () => {
    it('counts hits on two instances together', async () => {
      // One clock for both instances, so every hit falls in the same minute whatever the wall clock says.
      const clock = new FixedClock('2026-11-21T12:00:15.000Z');
      const env = { ...(await postgres.env()), AUTH_RATE_LIMIT: '4', TRUST_PROXY: 'true' };
      const first = await testRuntime({ env, clock });
      const second = await testRuntime({ env, clock });
      try {
        const apps = [testApp(first, env), testApp(second, env)];
        const statuses = [];
        for (let i = 0; i < 6; i++)
          statuses.push((await request(apps[i % 2]!).post('/api/v1/auth/logout').set('X-Forwarded-For', '203.0.113.7').send({ refreshToken: 'x' })).status);
        expect(statuses).to.deep.equal([401, 401, 401, 401, 429, 429]);
      } finally {
        await first.close();
        await second.close();
      }
    });
  });
