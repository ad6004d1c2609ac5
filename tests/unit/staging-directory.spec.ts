import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StagingDirectory } from '../../adapters/storage/staging-directory.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { anImage } from '../support/images.ts';

describe('StagingDirectory: private directories, and the checks bytes meet as they arrive', () => {
  let parent: string;
  let staging: StagingDirectory;
  beforeEach(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'themes-staging-unit-'));
    staging = await StagingDirectory.open(parent);
  });
  afterEach(async () => {
    await staging.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('opens a directory only this process may enter, and removes it on close', async () => {
    expect((await stat(staging.dir)).mode & 0o777).to.equal(0o700);
    const other = await StagingDirectory.open(parent);
    expect(other.dir).to.not.equal(staging.dir);
    await other.close();
    expect(await readdir(parent)).to.deep.equal([path.basename(staging.dir)]);
  });

  it('removes at start what dead processes of this host left, and nothing of live ones (this one included) or other hosts', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const names = {
      dead: `themes-api-staging-${os.hostname()}-${dead}-aaaaaa`,
      // A container restarted: the same pid as this process, but not a directory it opened.
      restarted: `themes-api-staging-${os.hostname()}-${process.pid}-dddddd`,
      alive: `themes-api-staging-${os.hostname()}-${process.ppid}-bbbbbb`,
      elsewhere: `themes-api-staging-another-host-${dead}-cccccc`,
      unrelated: 'something-else',
    };
    for (const name of Object.values(names)) await mkdir(path.join(parent, name, 'inside'), { recursive: true });
    const next = await StagingDirectory.open(parent);
    const left = await readdir(parent);
    await next.close();
    expect(left).to.not.include(names.dead);
    expect(left).to.not.include(names.restarted);
    expect(left).to.include(path.basename(staging.dir));
    expect(left).to.include.members([names.alive, names.elsewhere, names.unrelated]);
  });

  it('stages an image with its type, size and sha256, readable again and again', async () => {
    const png = await anImage('png');
    const upload = await staging.stage(Readable.from([png.subarray(0, 5), png.subarray(5)]), png.length);
    expect(upload).to.include({ contentType: 'image/png', size: png.length });
    for (let i = 0; i < 2; i++) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of upload.open()) chunks.push(chunk);
      expect(Buffer.compare(Buffer.concat(chunks), png)).to.equal(0);
    }
    await upload.dispose();
    expect(await readdir(staging.dir)).to.deep.equal([]);
  });

  it('stops at the first byte over the limit, at first bytes that are no image, and at a file too short to tell; keeping nothing', async () => {
    const png = await anImage('png');
    const cases = [
      { bytes: [png], limit: png.length - 1, code: 'payload_too_large' },
      { bytes: [Buffer.from('GIF89a and then some more bytes')], limit: 1000, code: 'unsupported_media_type' },
      { bytes: [png.subarray(0, 7)], limit: 1000, code: 'unsupported_media_type' },
    ];
    for (const { bytes, limit, code } of cases) expect((await rejectionOf(staging.stage(Readable.from(bytes), limit))).code).to.equal(code);
    expect(await readdir(staging.dir)).to.deep.equal([]);
  });
});
