/**
 * A refresh token as stored: only its hash. Tokens of one login form a family; rotating one
 * marks it spent and issues its child, so a spent token presented again reveals a theft.
 */
export class RefreshToken {
  id!: string;
  userId!: string;
  tokenHash!: string;
  familyId!: string;
  parentId!: string | null;
  createdAt!: Date;
  expiresAt!: Date;
  rotatedAt!: Date | null;
  revokedAt!: Date | null;

  static issue(props: { id: string; userId: string; tokenHash: string; familyId: string; parentId: string | null; ttlSeconds: number }, now: Date): RefreshToken {
    const token = new RefreshToken();
    token.id = props.id;
    token.userId = props.userId;
    token.tokenHash = props.tokenHash;
    token.familyId = props.familyId;
    token.parentId = props.parentId;
    token.createdAt = now;
    token.expiresAt = new Date(now.getTime() + props.ttlSeconds * 1000);
    token.rotatedAt = null;
    token.revokedAt = null;
    return token;
  }

  isExpired(now: Date): boolean {
    return this.expiresAt <= now;
  }
}
