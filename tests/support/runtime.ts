import { pino } from 'pino';
import { RUN_DIR } from './run-dir.ts';
import { FixedClock } from './fixed-clock.ts';
import { migratedDatabaseUrl } from './services.ts';
import type { Clock } from '../../application/ports/clock.ts';
import type { ObjectStore } from '../../application/ports/object-store.ts';
import { loadConfig, type Config } from '../../bootstrap/config.ts';
import { createRuntime, type Runtime } from '../../bootstrap/container.ts';
import { appFor } from '../../bootstrap/http-server.ts';

export const silentLogger = pino({ level: 'silent' });

/** The test configuration: bcrypt cost 4, no auth rate limit, memory adapters unless a database URL is given. */
export function testConfig(env: Record<string, string> = {}): Config {
  const adapters = env.DATABASE_URL ? {} : { ADAPTERS: 'memory' };
  return loadConfig({ ...adapters, BCRYPT_COST: '4', AUTH_RATE_LIMIT: '0', NODE_ENV: 'test', PUBLIC_URL: 'http://themes.test', DATA_DIR: RUN_DIR, ...env });
}

export type Profile = { name: 'memory' | 'PostgreSQL'; env: () => Promise<Record<string, string>> };

/** npm run test:unit sets TEST_MEMORY_ONLY=1: the memory profile only, no PostgreSQL or S3, for a fast loop. */
export const MEMORY_ONLY = process.env.TEST_MEMORY_ONLY === '1';

const memory: Profile = { name: 'memory', env: async () => ({}) };
const postgres: Profile = {
  name: 'PostgreSQL',
  env: async () => ({ DATABASE_URL: await migratedDatabaseUrl(), JWT_SECRET: 'a-test-secret-that-is-long-enough-to-use' }),
};

/** The persistence profiles a suite can run on: memory, and PostgreSQL with a fresh database (schema, no rows) per runtime. */
export const PROFILES: Profile[] = MEMORY_ONLY ? [memory] : [memory, postgres];

/**
 * The real bootstrap wiring (use-cases, adapters) on the memory profile or on a given database.
 * Time comes from a FixedClock stepping 1 ms a reading unless the test brings its own: never the wall clock.
 */
export async function testRuntime(
  options: { clock?: Clock; objectStore?: ObjectStore; env?: Record<string, string>; onQuery?: (sql: string) => void } = {},
): Promise<Runtime> {
  const { env, clock = new FixedClock(undefined, 1), ...overrides } = options;
  return createRuntime(testConfig(env), silentLogger, { ...overrides, clock });
}

export function testApp(runtime: Runtime, env: Record<string, string> = {}) {
  return appFor(runtime, testConfig(env), silentLogger);
}
