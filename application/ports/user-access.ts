import type { Role, UserStatus } from '../../domain/users/role.ts';

/**
 * What authorising a request needs to know of its user: read on every authenticated request, so kept small (and cacheable).
 * `revokedSessions`: the sessions (refresh-token families) revoked at or after the `revokedSince` of the read — the ones
 * whose access tokens may still be unexpired. A cached answer may also name sessions revoked earlier.
 */
export type UserAccess = { role: Role; status: UserStatus; sessionGeneration: number; revokedSessions: ReadonlySet<string> };

export interface UserAccessReader {
  /** Null when there is no such user. */
  find(userId: string, revokedSince: Date): Promise<UserAccess | null>;
}
