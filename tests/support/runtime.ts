import os from 'node:os';
import { pino } from 'pino';
import { freshDatabaseUrl } from './services.ts';
import type { Clock } from '../../application/ports/clock.ts';
import type { ObjectStore } from '../../application/ports/object-store.ts';
import { loadConfig, type Config } from '../../bootstrap/config.ts';
import { createRuntime, type Runtime } from '../../bootstrap/container.ts';
import { appFor } from '../../bootstrap/http-server.ts';

export const silentLogger = pino({ level: 'silent' });

/** The test configuration: bcrypt cost 4, no auth rate limit, memory adapters unless a database URL is given. */
export function testConfig(env: Record<string, string> = {}): Config {
  const adapters = env.DATABASE_URL ? {} : { ADAPTERS: 'memory' };
  return loadConfig({ ...adapters, BCRYPT_COST: '4', AUTH_RATE_LIMIT: '0', NODE_ENV: 'test', PUBLIC_URL: 'http://themes.test', DATA_DIR: os.tmpdir(), ...env });
}

/** The persistence profiles a suite can run on: memory, and PostgreSQL with an empty database per runtime. */
export const PROFILES: { name: string; env: () => Promise<Record<string, string>> }[] = [
  { name: 'memory', env: async () => ({}) },
  { name: 'PostgreSQL', env: async () => ({ DATABASE_URL: await freshDatabaseUrl(), JWT_SECRET: 'a-test-secret-that-is-long-enough-to-use' }) },
];

/** The real bootstrap wiring (use-cases, adapters) on the memory profile or on a given database. */
export async function testRuntime(options: { clock?: Clock; objectStore?: ObjectStore; env?: Record<string, string> } = {}): Promise<Runtime> {
  return createRuntime(testConfig(options.env), silentLogger, options);
}

export function testApp(runtime: Runtime, env: Record<string, string> = {}) {
  return appFor(runtime, testConfig(env), silentLogger);
}
