import sharp from 'sharp';

/** Real images made by sharp, for upload tests. */
export async function anImage(format: 'png' | 'jpeg' | 'webp', width = 640, height = 400, color = '#3366cc'): Promise<Buffer> {
  const canvas = sharp({ create: { width, height, channels: 3, background: color } });
  return canvas[format]().toBuffer();
}

/** A 10000×10000 PNG: 100 megapixels in a few hundred KiB, a decompression bomb in miniature. */
export function aPixelBomb(): Promise<Buffer> {
  return sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#000000' } })
    .toColourspace('b-w')
    .png({ compressionLevel: 9 })
    .toBuffer();
}
