import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import sharp from 'sharp';
import type { ImageProcessor, Inspection, StagedUpload, Thumbnail } from '../../application/ports/image-processor.ts';
import { UnsupportedMediaType } from '../../domain/errors.ts';
import { SNIFF_BYTES, sniffImageType, type ImageType } from '../../domain/images/sniff.ts';

const FORMATS: Record<string, ImageType> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

/**
 * Decides the type from the magic numbers, then confirms it with a real decode by libvips. Reads the
 * staged file from disk, sequentially, so a large image is never held whole in memory.
 */
export class SharpImageProcessor implements ImageProcessor {
  /** @param maxPixels libvips refuses to decode more (decompression bombs), whatever the header claimed. */
  constructor(private readonly maxPixels: number) {
    sharp.cache(false);
    // One libvips worker: thumbnails of huge images cost a bounded amount of memory, not one share per core.
    sharp.concurrency(1);
  }

  async inspect(upload: StagedUpload): Promise<Inspection> {
    const sniffed = sniffImageType(await head(upload.path));
    if (!sniffed) throw new UnsupportedMediaType();
    try {
      const meta = await sharp(upload.path, { limitInputPixels: false }).metadata();
      if (FORMATS[meta.format ?? ''] !== sniffed || !meta.width || !meta.height) throw new UnsupportedMediaType();
      return { contentType: sniffed, width: meta.width, height: meta.height };
    } catch {
      throw new UnsupportedMediaType();
    }
  }

  async thumbnail(upload: StagedUpload, max: number): Promise<Thumbnail> {
    try {
      const data = await sharp(upload.path, { limitInputPixels: this.maxPixels, sequentialRead: true, failOn: 'error' })
        .rotate()
        .resize(max, max, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer();
      return { bytes: data, sha256: createHash('sha256').update(data).digest('hex') };
    } catch {
      // A header that promised an image and a body that does not decode: not a usable image.
      throw new UnsupportedMediaType();
    }
  }
}

async function head(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
