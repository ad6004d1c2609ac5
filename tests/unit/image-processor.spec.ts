import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { SharpImageProcessor } from '../../adapters/images/sharp-image-processor.ts';
import { StagingDirectory } from '../../adapters/storage/staging-directory.ts';
import type { Upload } from '../../application/media/upload.ts';
import type { ImageType } from '../../domain/images/sniff.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { anImage } from '../support/images.ts';

/** An upload whose bytes are in memory, not in a file: what bytes kept elsewhere (an object store) look like. */
function inMemory(bytes: Buffer, contentType: ImageType): Upload {
  return {
    contentType,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    open: () => Readable.from([bytes]),
  };
}

describe('SharpImageProcessor: confirms the type decided on arrival, from a staged file or from any stream', () => {
  const processor = new SharpImageProcessor(50_000_000);
  let parent: string;
  let staging: StagingDirectory;
  before(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'themes-processor-'));
    staging = await StagingDirectory.open(parent);
  });
  after(async () => {
    await staging.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('reads the dimensions and makes a thumbnail, whether the bytes are in a file or only in a stream', async () => {
    const jpeg = await anImage('jpeg', 1000, 500);
    const staged = await staging.stage(Readable.from([jpeg]), jpeg.length);
    for (const upload of [staged, inMemory(jpeg, 'image/jpeg')]) {
      expect(await processor.inspect(upload)).to.deep.equal({ width: 1000, height: 500 });
      const thumbnail = await processor.thumbnail(upload, 480);
      expect(thumbnail.sha256).to.equal(createHash('sha256').update(thumbnail.bytes).digest('hex'));
    }
    await staged.dispose();
  });

  it('refuses bytes that do not decode as the type they were given (415)', async () => {
    const png = await anImage('png');
    expect((await rejectionOf(processor.inspect(inMemory(png, 'image/webp')))).code).to.equal('unsupported_media_type');
    const broken = Buffer.concat([png.subarray(0, 60), Buffer.alloc(400, 7)]);
    expect((await rejectionOf(processor.thumbnail(inMemory(broken, 'image/png'), 480))).code).to.equal('unsupported_media_type');
  });
});
