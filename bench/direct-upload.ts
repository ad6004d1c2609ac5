/**
 * A 10 MiB PNG uploaded through the API (multipart, streamed) and directly (ticket, presigned POST
 * to the bucket, commit), alternately, to one server process with PostgreSQL (embedded) and S3
 * (s3rver, in this process, so its work is not the server's). Per upload and per path: the server's
 * CPU time (user + system, from /proc) and its RSS growth at the peak. Both paths decode the image
 * and write the original and a thumbnail to the bucket; the direct one never receives the upload.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import sharp from 'sharp';
import { freePort } from '../bootstrap/embedded-postgres.ts';
import { startServer } from '../tests/support/server-process.ts';
import { anAccountWithTheme, cpuMsOf, json, median, MiB, peakRssGrowth, uploadFile } from './client.ts';

const ROUNDS = 6;

/** About 10 MiB of incompressible pixels: 1870×1870 of noise, stored uncompressed. */
async function tenMiBPng(file: string): Promise<void> {
  const side = 1870;
  await writeFile(file, await sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer());
}

export async function directUpload(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'themes-bench-direct-'));
  const file = path.join(dir, 'ten.png');
  await tenMiBPng(file);
  const size = (await stat(file)).size;
  const bytes = await readFile(file);
  console.log(`upload body: ${(size / MiB).toFixed(1)} MiB PNG, 1870×1870; ${ROUNDS} uploads per path, alternating`);

  const s3Port = await freePort();
  const s3 = new S3rver({ port: s3Port, address: '127.0.0.1', directory: path.join(dir, 's3'), silent: true });
  await s3.run();
  const server = await startServer({
    DATA_DIR: path.join(dir, 'data'),
    S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_BUCKET: 'bench',
    MAX_UPLOAD_BYTES: String(12 * MiB),
    MAX_IMAGES_PER_THEME: '1000',
  });
  try {
    const api = `${server.url}/api/v1`;
    const { token, themeId } = await anAccountWithTheme(api);
    const pid = server.child.pid!;
    const headers = { authorization: `Bearer ${token}` };

    const paths: Record<string, () => Promise<number>> = {
      'through the API (multipart)': async () => (await uploadFile(`${api}/themes/${themeId}/images`, token, file, size)).status,
      'direct (ticket, presigned POST to S3, commit)': async () => {
        const ticket = await json(
          await fetch(`${api}/themes/${themeId}/uploads`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ size, contentType: 'image/png' }),
          }),
        );
        const upload = ticket.upload as { url: string; fields: Record<string, string> };
        const form = new FormData();
        for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
        form.append('file', new Blob([bytes], { type: 'image/png' }), 'ten.png');
        const sent = await fetch(upload.url, { method: 'POST', body: form });
        if (!sent.ok) throw new Error(`the bucket refused the upload: ${sent.status} ${await sent.text()}`);
        return (await fetch(String(ticket.commitUrl), { method: 'POST', headers })).status;
      },
    };
    const results = Object.fromEntries(Object.keys(paths).map((name) => [name, { cpuMs: [] as number[], rssMiB: [] as number[] }]));

    // A first upload of each kind warms the code paths; then the two alternate, so that the noise of a shared machine hits both.
    for (const upload of Object.values(paths)) await upload();
    for (let round = 0; round < ROUNDS; round++)
      for (const [name, upload] of Object.entries(paths)) {
        await new Promise((r) => setTimeout(r, 300));
        const cpuBefore = await cpuMsOf(pid);
        const { result: status, growthMiB } = await peakRssGrowth(pid, upload);
        if (status !== 201) throw new Error(`${name} answered ${status}`);
        results[name]!.cpuMs.push((await cpuMsOf(pid)) - cpuBefore);
        results[name]!.rssMiB.push(growthMiB);
      }

    const [api_, direct] = Object.values(results) as [{ cpuMs: number[]; rssMiB: number[] }, { cpuMs: number[]; rssMiB: number[] }];
    for (const [name, r] of Object.entries(results))
      console.log(
        `${name}\n  server CPU per upload: median ${median(r.cpuMs).toFixed(0)} ms (${Math.min(...r.cpuMs)}–${Math.max(...r.cpuMs)}); ` +
          `RSS growth at the peak: median ${median(r.rssMiB).toFixed(1)} MiB (max ${Math.max(...r.rssMiB).toFixed(1)})`,
      );
    console.log(`direct / through the API: CPU ${(median(direct.cpuMs) / median(api_.cpuMs)).toFixed(2)}×, RSS growth ${(median(direct.rssMiB) / median(api_.rssMiB)).toFixed(2)}×`);
  } finally {
    await server.stop('SIGTERM');
    await s3.close();
    await rm(dir, { recursive: true, force: true });
  }
}
