import type { Role, UserStatus } from '../../domain/users/role.ts';

/** What authorising a request needs to know of its user: read on every authenticated request, so kept small (and cacheable). */
export type UserAccess = { role: Role; status: UserStatus; sessionGeneration: number };

export interface UserAccessReader {
  /** Null when there is no such user. */
  find(userId: string): Promise<UserAccess | null>;
}
