import type { User } from '../../domain/users/user.ts';
import type { Role, UserStatus } from '../../domain/users/role.ts';

/** `q` is a plain substring of the username, email or display name (case-insensitive, no wildcards). */
export type UserCriteria = { q?: string | undefined; role?: Role | undefined; status?: UserStatus | undefined };
/** Newest first: the position of the last user of the previous page. */
export type UserPosition = { createdAt: Date; id: string };

export interface UserRepo {
  findById(id: string): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
  findByUsername(username: string): Promise<User | null>;
  /** A new account. Throws EmailTaken / UsernameTaken when a unique key is already used. */
  insert(user: User): Promise<void>;
  /**
   * Writes the fields the user's intent methods changed since it was read (`user.changes()`) and no
   * other, so what someone else changed meanwhile survives. Throws UsernameTaken, or NotFound when
   * the account is gone.
   */
  update(user: User): Promise<void>;
  /**
   * Stamps a login on an account that is still active, in one conditional write, and answers the
   * account as it is now; null when it is disabled or gone. The row stays locked until the
   * transaction ends, so a concurrent disable comes before the login (which it refuses) or after
   * it (and revokes the session it started): it always wins.
   */
  recordLogin(id: string, at: Date): Promise<User | null>;
  delete(id: string): Promise<void>;
  search(criteria: UserCriteria, page: { after?: UserPosition | undefined; limit: number }): Promise<User[]>;
  /**
   * Ids of the active admins, locked until the surrounding transaction ends, so two admins acting at
   * once cannot both remove the last of them.
   */
  lockActiveAdminIds(): Promise<string[]>;
}
