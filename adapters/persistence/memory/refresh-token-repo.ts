import type { RefreshTokenRepo } from '../../../application/ports/refresh-token-repo.ts';
import type { RefreshToken } from '../../../domain/users/refresh-token.ts';
import { copyOf, type MemoryDb } from './memory-db.ts';

export class InMemoryRefreshTokenRepo implements RefreshTokenRepo {
  constructor(private readonly db: MemoryDb) {}

  private get rows(): Map<string, RefreshToken> {
    return this.db.table<RefreshToken>('refresh_tokens');
  }

  add(token: RefreshToken): Promise<void> {
    return this.db.write(() => void this.rows.set(token.id, copyOf(token)));
  }

  async findByHash(tokenHash: string): Promise<RefreshToken | null> {
    for (const token of this.rows.values()) if (token.tokenHash === tokenHash) return copyOf(token);
    return null;
  }

  markRotated(id: string, at: Date): Promise<boolean> {
    return this.db.write(() => {
      const token = this.rows.get(id);
      if (!token || token.rotatedAt || token.revokedAt) return false;
      token.rotatedAt = at;
      return true;
    });
  }

  revokeFamily(familyId: string, at: Date): Promise<void> {
    return this.revokeWhere((t) => t.familyId === familyId, at);
  }

  revokeAllOfUser(userId: string, at: Date): Promise<void> {
    return this.revokeWhere((t) => t.userId === userId, at);
  }

  private revokeWhere(match: (token: RefreshToken) => boolean, at: Date): Promise<void> {
    return this.db.write(() => {
      for (const token of this.rows.values()) if (match(token) && !token.revokedAt) token.revokedAt = at;
    });
  }
}
