import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { Unavailable, type Dependency } from '../domain/errors.ts';

/** A start-up failure, in one line that says what to fix. */
export class StartupError extends Error {}

/**
 * Logs an outage once when it starts and once when it ends, however many requests fail in between
 * (adapters report every call). Readiness (`/health/ready`) keeps naming the failing check meanwhile.
 */
export function outageLog(logger: Logger, dependency: Dependency): (available: boolean, error?: unknown) => void {
  let up = true;
  return (available, error) => {
    if (available === up) return;
    up = available;
    if (!up) logger.error({ dependency, reason: reasonOf(error) }, `${dependency} unavailable: requests that need it answer 503 until it is back`);
    else logger.info({ dependency }, `${dependency} available again`);
  };
}

/**
 * Runs `attempt` until it succeeds, retrying with exponential backoff (0.25 s doubling, at most 5 s)
 * while it fails with `Unavailable` and `timeoutMs` has not passed: in containers the database and
 * S3 may start after the API. Any other failure, or running out of time, is a StartupError naming
 * `variable`.
 */
export async function waitForDependency<T>(
  what: { variable: string; service: string; timeoutMs: number; logger: Logger },
  attempt: () => Promise<T>,
  refusal: (error: unknown) => string,
): Promise<T> {
  const deadline = Date.now() + what.timeoutMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof Unavailable)) throw new StartupError(`${what.variable}: ${what.service} ${refusal(error)}`, { cause: error });
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new StartupError(
          `${what.variable}: ${what.service} did not answer within ${duration(what.timeoutMs)} (${reasonOf(error)}); check ${what.variable} and that it is running`,
          { cause: error },
        );
      const wait = Math.min(delay, remaining);
      what.logger.warn({ variable: what.variable, reason: reasonOf(error) }, `waiting for ${what.service}; retrying in ${wait} ms`);
      await sleep(wait);
    }
  }
}

/** The first line of the innermost message: `connect ECONNREFUSED 127.0.0.1:5432`, not a stack. */
export function reasonOf(error: unknown): string {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  // Node reports a refused connection to a name with several addresses as an AggregateError without a message.
  const message = inner instanceof Error ? inner.message || (inner as { code?: string }).code || inner.name : String(inner);
  return message.split('\n')[0]!;
}

/** 60s, 1500ms: as STARTUP_TIMEOUT would say it. */
export function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
