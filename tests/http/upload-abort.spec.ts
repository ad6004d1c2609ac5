import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { CreateTheme } from '../../application/themes/create-theme.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember, type Member } from '../support/actors.ts';
import { anImage } from '../support/images.ts';
import { testApp, testRuntime } from '../support/runtime.ts';

const openFds = async () => (await readdir('/proc/self/fd')).length;

/** Polls until `probe` answers `expected`, or gives up after `ms` and returns what it last saw. */
async function settle<T>(probe: () => Promise<T>, expected: T, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  let seen = await probe();
  while (seen !== expected && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 25));
    seen = await probe();
  }
  return seen;
}

describe('HTTP: a client that aborts an upload mid-body (real sockets)', () => {
  let runtime: Runtime;
  let server: Server;
  let owner: Member;
  let themeId: string;
  const stagedFiles = async () => (await readdir(runtime.staging.dir)).length;

  before(async () => {
    runtime = await testRuntime();
    server = createServer(testApp(runtime));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    owner = await aMember(runtime, 'aborter');
    themeId = (await runtime.container.get(CreateTheme).execute(owner.actor, { name: 'Cut', colors: [{ name: 'x', hex: '#000000' }] })).theme.id;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await runtime.close();
  });

  for (const moment of ['while the file streams in', 'after the file, before the form ends'])
    it(`releases the staged file and its descriptor, ${moment}`, async () => {
      const { port } = server.address() as AddressInfo;
      const png = await anImage('png', 800, 800);
      const boundary = 'abortboundary';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
      const sent = moment === 'while the file streams in' ? png.subarray(0, png.length / 2) : Buffer.concat([png, Buffer.from(`\r\n--${boundary}\r\n`)]);
      const body = Buffer.concat([Buffer.from(head), sent]);
      const fdsBefore = await openFds();
      const filesBefore = await stagedFiles();

      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /api/v1/themes/${themeId}/images HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${owner.token}\r\n` +
          `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length + 1000}\r\n\r\n`,
      );
      socket.write(body);
      // The server has staged what it got: a file is open in the staging folder.
      expect(await settle(stagedFiles, filesBefore + 1)).to.equal(filesBefore + 1);
      socket.destroy();

      expect(await settle(stagedFiles, filesBefore), 'staged files left').to.equal(filesBefore);
      expect(await settle(openFds, fdsBefore), 'descriptors left open').to.equal(fdsBefore);
    });
});
