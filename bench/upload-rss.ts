/**
 * Uploads a 150 MiB image-sized body to a running server (embedded profile: PostgreSQL, objects on
 * disk) with MAX_UPLOAD_BYTES raised, and prints the server's peak RSS growth, read from /proc while
 * the upload runs. Target: under 64 MiB, whatever the size of the upload.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { startServer } from '../tests/support/server-process.ts';
import { anAccountWithTheme, MiB, peakRssGrowth, uploadFile } from './client.ts';

const TARGET_MIB = 64;

/** A PNG of noise: it does not compress, so 7100×7100 pixels make about 150 MiB. */
async function noisePng(file: string): Promise<void> {
  const side = 7100;
  const raw = randomBytes(side * side * 3);
  await writeFile(file, await sharp(raw, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer());
}

export async function uploadRss(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'themes-bench-'));
  const file = path.join(dir, 'big.png');
  await noisePng(file);
  const size = (await stat(file)).size;
  console.log(`upload body: ${(size / MiB).toFixed(1)} MiB PNG, 7100×7100 (50.4 megapixels)`);

  for (const scenario of [
    { name: 'pixel limit at its default (40 MP): refused after the header, 422', env: {} as Record<string, string> },
    { name: 'pixel limit raised to 60 MP: decoded and thumbnailed, 201', env: { MAX_IMAGE_PIXELS: '60000000' } },
  ]) {
    const server = await startServer({ DATA_DIR: path.join(dir, 'data'), MAX_UPLOAD_BYTES: String(200 * MiB), ...scenario.env });
    try {
      const api = `${server.url}/api/v1`;
      const { token, themeId } = await anAccountWithTheme(api);
      // Warm the code paths with a small upload, so the measurement is of the big body alone.
      await uploadFile(`${api}/themes/${themeId}/images`, token, file, 0).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));

      const started = Date.now();
      const { result, growthMiB } = await peakRssGrowth(server.child.pid!, () => uploadFile(`${api}/themes/${themeId}/images`, token, file, size));
      console.log(
        `${scenario.name}\n  answered ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `server RSS growth at its peak ${growthMiB.toFixed(1)} MiB (${growthMiB < TARGET_MIB ? 'within' : 'OVER'} the ${TARGET_MIB} MiB target)`,
      );
    } finally {
      await server.stop('SIGTERM');
    }
  }
  await rm(dir, { recursive: true, force: true });
}
