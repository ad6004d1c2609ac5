import { expect } from 'chai';
import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { anImage } from '../support/images.ts';
import { partialUpload, settle } from '../support/partial-upload.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

/** A user with a theme, made over HTTP. */
async function anOwner(url: string): Promise<{ token: string; themeId: string }> {
  const username = `u${Math.random().toString(36).slice(2, 10)}`;
  const session = await fetch(`${url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${username}@example.com`, username, password: 'correct horse battery' }),
  });
  const { accessToken: token } = (await session.json()) as { accessToken: string };
  const theme = await fetch(`${url}/api/v1/themes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'Staged', colors: [{ name: 'a', hex: '#000000' }] }),
  });
  return { token, themeId: ((await theme.json()) as { id: string }).id };
}

describe('the server process: where uploads wait (memory profile, its own temp folder)', function () {
  this.timeout(120_000);
  let tmp: string;
  let server: ServerProcess | undefined;
  const stagingDirs = async () => (await readdir(tmp)).filter((name) => name.startsWith('themes-api-staging-'));
  const stagedFiles = async () => (await Promise.all((await stagingDirs()).map((d) => readdir(path.join(tmp, d))))).flat();

  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'themes-staging-test-'));
    // Like /tmp: every user may write, only the owner removes.
    await chmod(tmp, 0o1777);
  });
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
    await rm(tmp, { recursive: true, force: true });
  });

  it('sweeps at start what a SIGKILLed server left staged, and removes its own staging when it stops', async () => {
    const env = { ADAPTERS: 'memory', TMPDIR: tmp };
    server = await startServer(env);
    const { token, themeId } = await anOwner(server.url);
    const png = await anImage('png', 800, 800);
    const socket = await partialUpload(`${server.url}/api/v1/themes/${themeId}/images`, token, png, png.length / 2);
    expect(await settle(async () => (await stagedFiles()).length, 1)).to.equal(1);
    await server.stop('SIGKILL');
    socket.destroy();
    const [leftover] = await stagingDirs();
    expect(await stagedFiles()).to.have.length(1);

    server = await startServer(env);
    const dirs = await stagingDirs();
    expect(dirs).to.have.length(1);
    expect(dirs).to.not.include(leftover);
    expect(await stagedFiles()).to.deep.equal([]);

    expect(await server.stop('SIGTERM')).to.equal(0);
    expect(await stagingDirs()).to.deep.equal([]);
  });

  it('lets another OS user upload where someone else made the old fixed staging folder first', async function () {
    if (process.getuid?.() !== 0) return this.skip(); // switching users needs root
    await mkdir(path.join(tmp, 'themes-api-uploads'), { mode: 0o700 });
    server = await startServer({ ADAPTERS: 'memory', TMPDIR: tmp, HOME: tmp }, { uid: 65534, gid: 65534 });
    const { token, themeId } = await anOwner(server.url);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await anImage('png'))]), 'a.png');
    const res = await fetch(`${server.url}/api/v1/themes/${themeId}/images`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(res.status, await res.clone().text()).to.equal(201);
  });
});
