import type { LoginFailure } from '../ports/login-throttle.ts';

/** LOGIN_MAX_FAILURES and LOGIN_LOCK_SECONDS. */
export type LoginPolicy = { maxFailures: number; lockSeconds: number };

/**
 * How a failed login at `now` counts: the `maxFailures`-th failure in a row locks the login for
 * `lockSeconds`, and failures are forgotten `lockSeconds` after the last one (when a lock ends, the
 * count starts again).
 */
export function failureUnder(policy: LoginPolicy, now: Date): LoginFailure {
  return { at: now, lockAt: policy.maxFailures, lockUntil: secondsAfter(now, policy.lockSeconds), forgetBefore: forgetBefore(policy, now) };
}

/** Failures last counted before this no longer count at `now`. */
export function forgetBefore(policy: LoginPolicy, now: Date): Date {
  return secondsAfter(now, -policy.lockSeconds);
}

function secondsAfter(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}
