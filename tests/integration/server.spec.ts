import { expect } from 'chai';
import { once } from 'node:events';
import http from 'node:http';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, type ServerProcess } from '../support/server-process.ts';

describe('the server process on the embedded default (PostgreSQL and objects in DATA_DIR)', function () {
  this.timeout(120_000);
  let dataDir: string;
  let server: ServerProcess | undefined;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-data-'));
  });
  afterEach(async () => {
    // SIGTERM, not SIGKILL: a killed server would leave its embedded PostgreSQL running.
    await server?.stop('SIGTERM');
    server = undefined;
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps a user across a restart, stops cleanly on SIGTERM and SIGINT, and keeps its JWT secret private', async () => {
    server = await startServer({ DATA_DIR: dataDir });
    const registered = await fetch(`${server.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', username: 'ada', password: 'correct horse battery' }),
    });
    expect(registered.status).to.equal(201);
    const { accessToken } = (await registered.json()) as { accessToken: string };
    const ready = await fetch(`${server.url}/health/ready`);
    expect(await ready.json()).to.deep.equal({ status: 'ok', checks: { database: 'ok', objectStore: 'ok' } });
    expect(await server.stop('SIGTERM')).to.equal(0);
    expect(server.logs.join('\n')).to.include('"msg":"stopped"');

    server = await startServer({ DATA_DIR: dataDir });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'ada', password: 'correct horse battery' }),
    });
    expect(login.status).to.equal(200);
    // The secret was kept, so the access token issued before the restart still verifies.
    const me = await fetch(`${server.url}/api/v1/users/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).to.equal(200);
    expect(await server.stop('SIGINT')).to.equal(0);

    expect((await stat(path.join(dataDir, 'jwt-secret'))).mode & 0o777).to.equal(0o600);
  });

  it('finishes a request in flight when told to stop, then exits 0', async () => {
    server = await startServer({ DATA_DIR: dataDir });
    // The request is in flight once the server has read its headers (it answers 100 Continue); the
    // stop signal goes then, and the body follows once the server says it is stopping. No sleep decides the order.
    const body = JSON.stringify({ email: 'late@example.com', username: 'late', password: 'correct horse battery' });
    const req = http.request(`${server.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
    });
    const response = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    req.flushHeaders();
    await once(req, 'continue');
    const exited = server.stop('SIGTERM');
    await server.logged('stopping: no new connections');
    req.end(body);
    expect(await response).to.equal(201);
    expect(await exited).to.equal(0);
  });

  it('refuses to start on a bad variable, naming it', async () => {
    const error = await startServer({ DATA_DIR: dataDir, BCRYPT_COST: '99' }).catch((e: Error) => e);
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.match(/exited with 1[\s\S]*BCRYPT_COST: expected a whole number from 4 to 15/);
  });
});
