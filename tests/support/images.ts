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

/** An image of horizontal bands of the given colours, each as tall as its share of the height. */
export async function aBandedImage(bands: [hex: string, share: number][], format: 'png' | 'jpeg' | 'webp' = 'png', width = 400, height = 300): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let row = 0;
  for (const [hex, share] of bands) {
    const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    for (const end = Math.min(height, row + Math.round(height * share)); row < end; row++)
      for (let x = 0; x < width; x++) raw.set(rgb, (row * width + x) * 3);
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })[format]().toBuffer();
}
