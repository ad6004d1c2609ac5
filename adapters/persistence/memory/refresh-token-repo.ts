import type { RefreshTokenRepo, SessionRecord } from '../../../application/ports/refresh-token-repo.ts';
import { RefreshToken, type RefreshTokenState } from '../../../domain/users/refresh-token.ts';
import { compare } from '../sorting.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class InMemoryRefreshTokenRepo implements RefreshTokenRepo {
  constructor(private readonly db: MemoryDatabase) {}

  private get rows() {
    return this.db.tables.refreshTokens;
  }

  add(token: RefreshToken): Promise<void> {
    return this.db.write(() => this.rows.put(token.toState()));
  }

  async findByHash(tokenHash: string): Promise<RefreshToken | null> {
    const row = this.rows.find((t) => t.tokenHash === tokenHash);
    return row ? RefreshToken.restore(row) : null;
  }

  markRotated(id: string, at: Date): Promise<boolean> {
    return this.db.write(() => {
      const token = this.rows.get(id);
      if (!token || token.rotatedAt || token.revokedAt) return false;
      this.rows.put({ ...token, rotatedAt: at });
      return true;
    });
  }

  revokeFamily(familyId: string, at: Date): Promise<void> {
    return this.revokeWhere((t) => t.familyId === familyId, at);
  }

  revokeAllOfUser(userId: string, at: Date): Promise<void> {
    return this.revokeWhere((t) => t.userId === userId, at);
  }

  async activeSessionsOf(userId: string, now: Date): Promise<SessionRecord[]> {
    const tokens = this.rows.filter((t) => t.userId === userId);
    const live = new Set(tokens.filter((t) => !t.revokedAt && !t.rotatedAt && t.expiresAt > now).map((t) => t.familyId));
    const newestFirst = (x: RefreshTokenState, y: RefreshTokenState) => y.createdAt.getTime() - x.createdAt.getTime() || compare(y.id, x.id);
    return [...live]
      .map((familyId) => {
        const family = tokens.filter((t) => t.familyId === familyId).sort(newestFirst);
        const newest = family[0]!;
        return { id: familyId, createdAt: family.at(-1)!.createdAt, lastUsedAt: newest.createdAt, ip: newest.ip, userAgent: newest.userAgent };
      })
      .sort((x, y) => y.lastUsedAt.getTime() - x.lastUsedAt.getTime() || compare(y.id, x.id));
  }

  prune(before: Date): Promise<number> {
    return this.db.write(() => {
      const live = new Set(this.rows.filter((t) => t.expiresAt >= before).map((t) => t.familyId));
      return this.db.delete('refreshTokens', (t) => t.expiresAt < before && (t.id !== t.familyId || !live.has(t.familyId))).length;
    });
  }

  private revokeWhere(match: (token: Readonly<RefreshTokenState>) => boolean, at: Date): Promise<void> {
    return this.db.write(() => {
      for (const token of this.rows.filter((t) => match(t) && !t.revokedAt)) this.rows.put({ ...token, revokedAt: at });
    });
  }
}
