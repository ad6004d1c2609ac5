import { Forbidden, Unauthenticated } from '../domain/errors.ts';
import { roleHas, type Permission, type Role } from '../domain/users/role.ts';

/** Where a request came from, for the audit trail and the sessions list. Drivers fill it in. */
export type Origin = { ip: string | null; requestId: string | null; userAgent?: string | null };

/**
 * Who is asking: an authenticated user (role read fresh from the database), nobody, or the
 * system itself (the seed CLI and other trusted operators' tools, which hold every permission).
 */
export type Actor = ({ kind: 'user'; userId: string; role: Role; sessionId?: string } | { kind: 'anonymous' } | { kind: 'system' }) & {
  origin?: Origin;
};
export type UserActor = Extract<Actor, { kind: 'user' }>;

export const ANONYMOUS: Actor = { kind: 'anonymous' };
export const SYSTEM: Actor = { kind: 'system' };

export function anonymous(origin?: Origin): Actor {
  return origin ? { kind: 'anonymous', origin } : ANONYMOUS;
}

/** `sessionId`: the refresh-token family the caller's access token was issued for, when known. */
export function userActor(userId: string, role: Role, origin?: Origin, sessionId?: string): UserActor {
  return { kind: 'user', userId, role, ...(origin ? { origin } : {}), ...(sessionId ? { sessionId } : {}) };
}

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new Unauthenticated();
  return actor;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && roleHas(actor.role, permission));
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (actor.kind === 'anonymous') throw new Unauthenticated();
  if (!can(actor, permission)) throw new Forbidden();
}
