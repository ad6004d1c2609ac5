import { expect } from 'chai';
import type { Express } from 'express';
import request from '../support/http.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember, type Member } from '../support/actors.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

/** Requests that are broken at the HTTP level: a clear 4xx problem, never a 500 or a silent guess. */
for (const profile of PROFILES)
  describe(`HTTP: broken requests (${profile.name})`, () => {
    let runtime: Runtime;
    let app: Express;
    let ada: Member;

    before(async () => {
      const env = await profile.env();
      runtime = await testRuntime({ env });
      app = testApp(runtime, { ...env, CORS_ORIGINS: 'https://app.example' });
      ada = await aMember(runtime, 'ada');
    });
    after(() => runtime.close());

    const expectProblem = (res: request.Response, status: number, code: string) => {
      expect(res.status, JSON.stringify(res.body)).to.equal(status);
      expect(res.type).to.equal('application/problem+json');
      expect(res.body).to.include({ status, code });
    };

    describe('a malformed percent-escape in the path', () => {
      for (const path of ['/api/v1/users/%ZZ', '/api/v1/images/%ZZ/content', '/api/v1/themes/%E0%A4%A', '/api/v1/categories/%'])
        it(`GET ${path} → 400 malformed_request`, async () => {
          const res = await request(app).get(path);
          expectProblem(res, 400, 'malformed_request');
          expect(res.body.detail).to.match(/percent-escape/);
        });

      it('is refused before authentication too (a protected route)', async () => {
        expectProblem(await request(app).delete('/api/v1/themes/%ZZ').set('Authorization', `Bearer ${ada.token}`), 400, 'malformed_request');
      });
    });

    describe('an empty body with a JSON content type', () => {
      it('PATCH /users/me → 400 malformed_request, and nothing changes', async () => {
        const before = await request(app).get('/api/v1/users/me').set('Authorization', `Bearer ${ada.token}`);
        const res = await request(app).patch('/api/v1/users/me').set('Authorization', `Bearer ${ada.token}`).set('Content-Type', 'application/json').send('');
        expectProblem(res, 400, 'malformed_request');
        expect(res.body.detail).to.match(/empty/);
        const after = await request(app).get('/api/v1/users/me').set('Authorization', `Bearer ${ada.token}`);
        expect(after.body).to.deep.equal(before.body);
      });

      it('POST /auth/login → 400 malformed_request', async () => {
        expectProblem(await request(app).post('/api/v1/auth/login').set('Content-Type', 'application/json').send(''), 400, 'malformed_request');
      });

      it('with only whitespace → 400 malformed_request', async () => {
        const res = await request(app).post('/api/v1/auth/login').set('Content-Type', 'application/json; charset=utf-8').send('  \n');
        expectProblem(res, 400, 'malformed_request');
      });

      it('a route that takes no body ignores an empty one, whatever its content type', async () => {
        const res = await request(app).post('/api/v1/auth/logout-all').set('Authorization', `Bearer ${ada.token}`).set('Content-Type', 'application/json').send('');
        expect(res.status).to.equal(204);
      });
    });

    describe('a method the path does not serve', () => {
      const cases: [string, string, string][] = [
        ['put', '/api/v1/themes', 'GET, HEAD, POST'],
        ['delete', '/api/v1/auth/login', 'POST'],
        ['post', '/api/v1/users/ada', 'GET, HEAD'],
        ['put', '/api/v1/users/me', 'DELETE, GET, HEAD, PATCH'],
        ['post', '/health/ready', 'GET, HEAD'],
        ['patch', '/api/v1/images/0b3d9100-0000-4000-8000-000000000000/content', 'GET, HEAD'],
      ];
      for (const [method, path, allow] of cases)
        it(`${method.toUpperCase()} ${path} → 405 with Allow: ${allow}`, async () => {
          const res = await request(app)[method as 'put'](path).set('Authorization', `Bearer ${ada.token}`);
          expectProblem(res, 405, 'method_not_allowed');
          expect(res.headers.allow).to.equal(allow);
        });

      it('an unknown path is still 404', async () => {
        expectProblem(await request(app).put('/api/v1/nothing-here'), 404, 'not_found');
      });

      it('a CORS preflight still answers 204 with the allowed methods', async () => {
        const res = await request(app)
          .options('/api/v1/themes')
          .set('Origin', 'https://app.example')
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'authorization,content-type');
        expect(res.status).to.equal(204);
        expect(res.headers['access-control-allow-origin']).to.equal('https://app.example');
        expect(res.headers['access-control-allow-methods']).to.include('POST');
      });

      it('OPTIONS answers 204 with Allow (without CORS_ORIGINS, where the CORS middleware leaves it alone)', async () => {
        const res = await request(testApp(runtime)).options('/api/v1/themes');
        expect(res.status).to.equal(204);
        expect(res.headers.allow).to.equal('GET, HEAD, POST');
      });
    });
  });
