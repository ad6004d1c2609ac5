import type { RefreshTokenRepo } from '../../../application/ports/refresh-token-repo.ts';
import { RefreshToken, type RefreshTokenState } from '../../../domain/users/refresh-token.ts';
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

  private revokeWhere(match: (token: Readonly<RefreshTokenState>) => boolean, at: Date): Promise<void> {
    return this.db.write(() => {
      for (const token of this.rows.filter((t) => match(t) && !t.revokedAt)) this.rows.put({ ...token, revokedAt: at });
    });
  }
}
