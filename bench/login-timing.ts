/**
 * Failed logins must not reveal which accounts exist: the median time of a failed login for an
 * unknown login and for a known one (wrong password) should differ by less than 10%. Measured on
 * a server process at the default bcrypt cost (12), rate limit off, alternating the two kinds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../tests/support/server-process.ts';
import { median } from './client.ts';

const SAMPLES = 25;
const TARGET = 0.1;

export async function loginTiming(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'themes-bench-'));
  // Several known accounts, so that no single one locks (5 failures) during the measurement.
  const server = await startServer({ ADAPTERS: 'memory', BCRYPT_COST: '12', AUTH_RATE_LIMIT: '0', DATA_DIR: dir });
  try {
    const api = `${server.url}/api/v1`;
    const known = Array.from({ length: Math.ceil(SAMPLES / 4) + 1 }, (_, i) => `known${i}`);
    for (const username of known)
      await fetch(`${api}/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${username}@example.com`, username, password: 'the right password' }),
      });
    const attempt = async (login: string) => {
      const started = process.hrtime.bigint();
      const res = await fetch(`${api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: 'a wrong password' }) });
      await res.arrayBuffer();
      if (res.status !== 401) throw new Error(`expected 401, got ${res.status}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await attempt('warm-up-unknown');
    const unknownTimes: number[] = [];
    const knownTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      unknownTimes.push(await attempt(`nobody${i}`));
      knownTimes.push(await attempt(known[Math.floor(i / 4)]!));
    }
    const [u, k] = [median(unknownTimes), median(knownTimes)];
    const difference = Math.abs(u - k) / Math.max(u, k);
    console.log(
      `failed logins, median of ${SAMPLES} each at bcrypt cost 12: unknown login ${u.toFixed(1)} ms, known login ${k.toFixed(1)} ms; ` +
        `difference ${(difference * 100).toFixed(1)}% (${difference < TARGET ? 'within' : 'OVER'} the ${TARGET * 100}% target)`,
    );
  } finally {
    await server.stop('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}
