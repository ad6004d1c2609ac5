import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StagedUpload } from '../../application/ports/image-processor.ts';
import { PayloadTooLarge, UnsupportedMediaType } from '../../domain/errors.ts';
import { SNIFF_BYTES, sniffImageType } from '../../domain/images/sniff.ts';

export type Staged = StagedUpload & { dispose(): Promise<void> };

const STAGING_DIR = path.join(os.tmpdir(), 'themes-api-uploads');

/**
 * Streams bytes into a private temporary file, computing size and sha256 on the way. Stops early
 * (and keeps nothing) when the bytes are over `maxBytes`, or when their first bytes are not an image.
 */
export async function stage(source: Readable, maxBytes: number): Promise<Staged> {
  // An error before the pipeline below listens must not go unhandled; the pipeline still reports it.
  source.on('error', () => undefined);
  await mkdir(STAGING_DIR, { recursive: true, mode: 0o700 });
  const file = path.join(STAGING_DIR, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  // Opened before streaming: a write stream opens lazily, and could create the file after a refusal removed it.
  const handle = await open(file, 'wx', 0o600);
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > maxBytes) throw new PayloadTooLarge(maxBytes);
          if (head.length < SNIFF_BYTES) {
            head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
            if (head.length >= SNIFF_BYTES && !sniffImageType(head)) throw new UnsupportedMediaType();
          }
          hash.update(chunk);
          yield chunk;
        }
      },
      handle.createWriteStream(),
    );
    if (!sniffImageType(head)) throw new UnsupportedMediaType();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(file, { force: true });
    throw error;
  }
  return {
    path: file,
    size,
    sha256: hash.digest('hex'),
    open: () => createReadStream(file),
    dispose: () => rm(file, { force: true }),
  };
}

/** Stages a local file (the seed CLI's images) the same way. */
export function stageFile(file: string, maxBytes: number): Promise<Staged> {
  return stage(createReadStream(file), maxBytes);
}
