import { Aggregate } from '../aggregate.ts';

/** A refresh token as repositories store it: plain data. */
export type RefreshTokenState = {
  id: string;
  userId: string;
  tokenHash: string;
  familyId: string;
  parentId: string | null;
  createdAt: Date;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  /** Where the request that was given this token came from: the sessions list shows the newest of a family. */
  ip: string | null;
  userAgent: string | null;
};

/**
 * A refresh token as stored: only its hash. Tokens of one login form a family; rotating one
 * marks it spent and issues its child, so a spent token presented again reveals a theft (unless it
 * comes within a short grace window: two tabs refreshing at once). Rotation and revocation are
 * single conditional writes of the repository, so the object itself never changes.
 */
export class RefreshToken extends Aggregate<RefreshTokenState>() {
  static issue(
    props: { id: string; userId: string; tokenHash: string; familyId: string; parentId: string | null; ttlSeconds: number; ip?: string | null; userAgent?: string | null },
    now: Date,
  ): RefreshToken {
    return new RefreshToken({
      id: props.id,
      userId: props.userId,
      tokenHash: props.tokenHash,
      familyId: props.familyId,
      parentId: props.parentId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + props.ttlSeconds * 1000),
      rotatedAt: null,
      revokedAt: null,
      ip: props.ip ?? null,
      userAgent: props.userAgent ?? null,
    });
  }

  static restore(state: RefreshTokenState): RefreshToken {
    return new RefreshToken(state);
  }

  isExpired(now: Date): boolean {
    return this.expiresAt <= now;
  }

  /** Rotated no more than `seconds` (> 0) before `now`: a replay then is taken for a second tab, not a theft. */
  rotatedWithin(seconds: number, now: Date): boolean {
    return seconds > 0 && this.rotatedAt !== null && now.getTime() - this.rotatedAt.getTime() <= seconds * 1000;
  }
}
