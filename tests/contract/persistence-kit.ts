import type { AuditLog } from '../../application/ports/audit-log.ts';
import type { RefreshTokenRepo } from '../../application/ports/refresh-token-repo.ts';
import type { Transaction } from '../../application/ports/transaction.ts';
import type { UserRepo } from '../../application/ports/user-repo.ts';
import { User } from '../../domain/users/user.ts';
import type { Role } from '../../domain/users/role.ts';
import { randomUUID } from 'node:crypto';

/** The persistence ports of one adapter, on an empty store. */
export type PersistenceKit = {
  users: UserRepo;
  refreshTokens: RefreshTokenRepo;
  audit: AuditLog;
  tx: Transaction;
  /** Runs work as one unit (a request): the ORM's EntityManager scope, or nothing for memory. */
  scope<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type MakeKit = () => Promise<PersistenceKit>;

export const T0 = new Date('2026-11-21T12:00:00.000Z');

export function aUser(overrides: { username?: string; email?: string; role?: Role } = {}): User {
  const username = overrides.username ?? `u${randomUUID().slice(0, 8)}`;
  return User.create({ id: randomUUID(), email: overrides.email ?? `${username}@example.com`, username, passwordHash: 'hash', role: overrides.role ?? 'user' }, T0);
}
