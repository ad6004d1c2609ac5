/**
 * Uploads a 150 MiB image-sized body to a running server (embedded profile: PostgreSQL, objects on
 * disk) with MAX_UPLOAD_BYTES raised, and prints the server's peak RSS growth, read from /proc while
 * the upload runs. Target: under 64 MiB, whatever the size of the upload.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import { startServer } from '../tests/support/server-process.ts';

const MiB = 1024 * 1024;
const TARGET_MIB = 64;

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** A PNG of noise: it does not compress, so 7100×7100 pixels make about 150 MiB. */
async function noisePng(file: string): Promise<void> {
  const side = 7100;
  const raw = randomBytes(side * side * 3);
  await writeFile(file, await sharp(raw, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer());
}

async function uploadFile(url: string, token: string, file: string, size: number): Promise<{ status: number; body: string }> {
  const boundary = `bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + size + tail.length },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.write(head);
    void pipeline(createReadStream(file), async function* (chunks: AsyncIterable<Buffer>) {
      yield* chunks;
      yield tail;
    }, req).catch(reject);
  });
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
      const json = (r: Response) => r.json() as Promise<Record<string, unknown>>;
      const username = `bench${randomBytes(3).toString('hex')}`;
      const session = await json(
        await fetch(`${api}/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `${username}@example.com`, username, password: 'benchmark password' }),
        }),
      );
      const token = session.accessToken as string;
      const theme = await json(
        await fetch(`${api}/themes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ name: 'Bench', colors: [{ name: 'a', hex: '#000000' }] }),
        }),
      );
      // Warm the code paths with a small upload, so the measurement is of the big body alone.
      await uploadFile(`${api}/themes/${String(theme.id)}/images`, token, file, 0).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));

      const pid = server.child.pid!;
      const baseline = await rssOf(pid);
      let peak = baseline;
      const sampler = setInterval(() => void rssOf(pid).then((rss) => (peak = Math.max(peak, rss)), () => undefined), 20);
      const started = Date.now();
      const result = await uploadFile(`${api}/themes/${String(theme.id)}/images`, token, file, size);
      clearInterval(sampler);
      peak = Math.max(peak, await rssOf(pid));
      const growth = (peak - baseline) / MiB;
      console.log(
        `${scenario.name}\n  answered ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `server RSS ${(baseline / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} MiB: growth ${growth.toFixed(1)} MiB ` +
          `(${growth < TARGET_MIB ? 'within' : 'OVER'} the ${TARGET_MIB} MiB target)`,
      );
    } finally {
      await server.stop('SIGTERM');
    }
  }
  await rm(dir, { recursive: true, force: true });
}
