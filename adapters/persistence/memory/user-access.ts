import type { UserAccess, UserAccessReader } from '../../../application/ports/user-access.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class InMemoryUserAccess implements UserAccessReader {
  constructor(private readonly db: MemoryDatabase) {}

  async find(userId: string): Promise<UserAccess | null> {
    const user = this.db.tables.users.get(userId);
    return user ? { role: user.role, status: user.status, sessionGeneration: user.sessionGeneration } : null;
  }
}
