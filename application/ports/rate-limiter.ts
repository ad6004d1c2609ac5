/**
 * Counts hits per key in fixed time windows. Stores may be shared by several server instances
 * (PostgreSQL), so a client cannot escape its limit by landing on another one.
 */
export interface RateLimiter {
  /** Counts one hit of `key` in the window starting at `windowStart`; resolves with the window's count so far. */
  hit(key: string, windowStart: Date): Promise<number>;
  /** Forgets windows that started before `before`. */
  prune(before: Date): Promise<void>;
}
