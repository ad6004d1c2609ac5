/** What the benches do to a running server: read its memory and CPU, sign up, make a theme, upload. */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const MiB = 1024 * 1024;

export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** User plus system CPU time the process has used, in milliseconds (Linux clock ticks of 10 ms). */
export async function cpuMsOf(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Samples a process's RSS every 20 ms while `work` runs: its growth over the RSS before, at the peak. */
export async function peakRssGrowth<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; growthMiB: number }> {
  const baseline = await rssOf(pid);
  let peak = baseline;
  const sampler = setInterval(() => void rssOf(pid).then((rss) => (peak = Math.max(peak, rss)), () => undefined), 20);
  try {
    const result = await work();
    peak = Math.max(peak, await rssOf(pid));
    return { result, growthMiB: (peak - baseline) / MiB };
  } finally {
    clearInterval(sampler);
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const json = async (r: Response) => (await r.json()) as Record<string, unknown>;

/** A new account's token and a draft theme of it. */
export async function anAccountWithTheme(api: string): Promise<{ token: string; themeId: string }> {
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
  return { token, themeId: String(theme.id) };
}

/** Streams the first `size` bytes of `file` as the `file` part of a multipart POST, as a client would. */
export async function uploadFile(url: string, token: string, file: string, size: number): Promise<{ status: number; body: string }> {
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
    const bytes = size ? createReadStream(file, { end: size - 1 }) : Readable.from([]);
    void pipeline(bytes, async function* (chunks: AsyncIterable<Buffer>) {
      yield* chunks;
      yield tail;
    }, req).catch(reject);
  });
}
