import type { RefreshToken } from '../../domain/users/refresh-token.ts';

/**
 * A sign-in as its owner's sessions list shows it: a refresh-token family that still has a live
 * token. Created at the sign-in; last used at the newest rotation, from that request's address.
 */
export type SessionRecord = { id: string; createdAt: Date; lastUsedAt: Date; ip: string | null; userAgent: string | null };

export interface RefreshTokenRepo {
  add(token: RefreshToken): Promise<void>;
  findByHash(tokenHash: string): Promise<RefreshToken | null>;
  /** Marks the token spent if it was not yet; false when someone else spent or revoked it first. */
  markRotated(id: string, at: Date): Promise<boolean>;
  revokeFamily(familyId: string, at: Date): Promise<void>;
  revokeAllOfUser(userId: string, at: Date): Promise<void>;
  /** The user's sessions with a token neither spent, revoked nor expired at `now`; last used first. */
  activeSessionsOf(userId: string, now: Date): Promise<SessionRecord[]>;
  /**
   * Deletes the tokens that expired before `before`, except a family's first (the sign-in), which goes
   * with the family's last; resolves with how many went.
   */
  prune(before: Date): Promise<number>;
}
