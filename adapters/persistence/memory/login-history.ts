import type { LoginAttempt, LoginAttemptPosition, LoginHistory } from '../../../application/ports/login-history.ts';
import { compare } from '../sorting.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class InMemoryLoginHistory implements LoginHistory {
  constructor(private readonly db: MemoryDatabase) {}

  record(attempt: LoginAttempt): Promise<void> {
    return this.db.write(() => this.db.tables.loginAttempts.put(attempt));
  }

  async listOf(userId: string, page: { after?: LoginAttemptPosition | undefined; limit: number }): Promise<LoginAttempt[]> {
    const newestFirst = (x: LoginAttemptPosition, y: LoginAttemptPosition) => y.at.getTime() - x.at.getTime() || compare(y.id, x.id);
    return this.db.tables.loginAttempts
      .filter((a) => a.userId === userId && (!page.after || newestFirst(a, page.after) > 0))
      .sort(newestFirst)
      .slice(0, page.limit);
  }

  prune(before: Date): Promise<number> {
    return this.db.write(() => this.db.delete('loginAttempts', (a) => a.at < before).length);
  }
}
