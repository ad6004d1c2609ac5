import type { UserAccess, UserAccessReader } from '../../../application/ports/user-access.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class InMemoryUserAccess implements UserAccessReader {
  constructor(private readonly db: MemoryDatabase) {}

  async find(userId: string, revokedSince: Date): Promise<UserAccess | null> {
    const user = this.db.tables.users.get(userId);
    if (!user) return null;
    const revoked = this.db.tables.refreshTokens.filter((t) => t.userId === userId && t.revokedAt !== null && t.revokedAt >= revokedSince);
    return { role: user.role, status: user.status, sessionGeneration: user.sessionGeneration, revokedSessions: new Set(revoked.map((t) => t.familyId)) };
  }
}
