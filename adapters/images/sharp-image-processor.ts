import { createHash } from 'node:crypto';
import { ReadStream } from 'node:fs';
import sharp, { type Sharp, type SharpOptions } from 'sharp';
import type { Upload } from '../../application/media/upload.ts';
import type { Dimensions, ImageProcessor, Thumbnail } from '../../application/ports/image-processor.ts';
import type { Pixels } from '../../domain/color/extraction.ts';
import { UnsupportedMediaType } from '../../domain/errors.ts';
import type { ImageType } from '../../domain/images/sniff.ts';

const FORMATS: Record<string, ImageType> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

/** The density at which sharp draws an SVG at its declared size (one CSS pixel, one pixel). */
const SVG_DENSITY = 72;

/** Confirms the upload's type with a real decode by libvips, makes thumbnails and samples, and rasterises SVG. */
export class SharpImageProcessor implements ImageProcessor {
  /** @param maxPixels libvips refuses to decode more (decompression bombs), whatever the header claimed. */
  constructor(private readonly maxPixels: number) {
    sharp.cache(false);
    // One libvips worker: thumbnails of huge images cost a bounded amount of memory, not one share per core.
    sharp.concurrency(1);
  }

  async inspect(upload: Upload): Promise<Dimensions> {
    try {
      const meta = await (await decoder(upload, { limitInputPixels: false })).metadata();
      if (FORMATS[meta.format ?? ''] !== upload.contentType || !meta.width || !meta.height) throw new UnsupportedMediaType();
      return { width: meta.width, height: meta.height };
    } catch {
      throw new UnsupportedMediaType();
    }
  }

  async thumbnail(upload: Upload, max: number): Promise<Thumbnail> {
    try {
      const data = await (await decoder(upload, { limitInputPixels: this.maxPixels, sequentialRead: true, failOn: 'error' }))
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

  async samplePixels(upload: Upload, max: number): Promise<Pixels> {
    try {
      // Shrinking in the resize lets libjpeg decode at 1/2, 1/4 or 1/8 scale: a 12-megapixel JPEG is never decoded whole.
      const { data, info } = await (await decoder(upload, { limitInputPixels: this.maxPixels, sequentialRead: true, failOn: 'error' }))
        .rotate()
        .resize(max, max, { fit: 'inside', withoutEnlargement: true })
        .toColourspace('srgb')
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      if (info.channels !== 4) throw new UnsupportedMediaType();
      return { data, channels: 4 };
    } catch {
      throw new UnsupportedMediaType();
    }
  }

  async renderPng(svg: string, width: number): Promise<Uint8Array> {
    const size = await sharp(Buffer.from(svg)).metadata();
    // Drawn at the density that gives `width` pixels, rather than drawn and then resampled: text stays sharp.
    const density = (SVG_DENSITY * width) / (size.width ?? width);
    return sharp(Buffer.from(svg), { density }).png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
  }
}

/**
 * libvips reads a file as it decodes, but sharp buffers a stream whole first: bytes that come from a
 * local file are decoded from that file, so a large image is never held whole in memory. Bytes from
 * anywhere else are read into memory, as sharp would do with them anyway.
 */
async function decoder(upload: Upload, options: SharpOptions): Promise<Sharp> {
  const body = upload.open();
  if (body instanceof ReadStream && typeof body.path === 'string') {
    body.destroy();
    return sharp(body.path, options);
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return sharp(Buffer.concat(chunks), options);
}
