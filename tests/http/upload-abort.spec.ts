import { expect } from 'chai';
import { readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTheme } from '../../application/themes/create-theme.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember, type Member } from '../support/actors.ts';
import { anImage } from '../support/images.ts';
import { partialUpload, settle } from '../support/partial-upload.ts';
import { testApp, testRuntime } from '../support/runtime.ts';

const openFds = async () => (await readdir('/proc/self/fd')).length;

describe('HTTP: a client that aborts an upload mid-body (real sockets)', () => {
  let runtime: Runtime;
  let server: Server;
  let owner: Member;
  let themeId: string;
  const stagedFiles = async () => (await readdir(runtime.staging.dir)).length;
  const aborted = async () => (await runtime.metrics.registry.getSingleMetric('uploads_total')!.get()).values.find((v) => v.labels.result === 'aborted')!.value;

  before(async () => {
    runtime = await testRuntime();
    server = createServer(testApp(runtime, { METRICS_TOKEN: 'a-metrics-token-for-the-tests' }));
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
      const fdsBefore = await openFds();
      const abortedBefore = await aborted();
      const whole = moment !== 'while the file streams in';
      const socket = await partialUpload(`http://127.0.0.1:${port}/api/v1/themes/${themeId}/images`, owner.token, png, whole ? png.length : png.length / 2, whole);
      // The server has staged what it got: a file is open in the staging folder.
      expect(await settle(stagedFiles, 1)).to.equal(1);
      socket.destroy();

      expect(await settle(stagedFiles, 0), 'staged files left').to.equal(0);
      expect(await settle(aborted, abortedBefore + 1), 'counted as aborted (uploads_total)').to.equal(abortedBefore + 1);
      expect(await settle(async () => (await openFds()) <= fdsBefore, true), 'descriptors left open').to.equal(true);
    });
});
