import sharp from 'sharp';

/** A 1200×630 PNG of the palette's colours as vertical bands, for themes seeded without an image. */
export async function paletteCover(hexes: string[]): Promise<Buffer> {
  const width = 1200;
  const height = 630;
  const row = Buffer.alloc(width * 3);
  for (let x = 0; x < width; x++) {
    const hex = hexes[Math.floor((x * hexes.length) / width)] ?? '#000000';
    row.writeUIntBE(parseInt(hex.slice(1), 16), x * 3, 3);
  }
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}
