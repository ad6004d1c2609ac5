import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember, type Member } from '../support/actors.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

const PASSWORD = 'correct horse battery';

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

    it('keeps two tabs that refresh with the same token at the same moment signed in', async () => {
      const session = (await login('ada')).body;
      const tabs = await Promise.all([0, 1].map(() => request(app).post(api('/auth/refresh')).send({ refreshToken: session.refreshToken })));
      expect(tabs.map((t) => t.status)).to.deep.equal([200, 200]);
      for (const tab of tabs) expect((await request(app).post(api('/auth/refresh')).send({ refreshToken: tab.body.refreshToken })).status).to.equal(200);
      clock.advance(11);
      expect((await request(app).post(api('/auth/refresh')).send({ refreshToken: session.refreshToken })).body.code).to.equal('refresh_token_reused');
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
