import type { LoginAttempt, LoginAttemptPosition, LoginHistory } from '../../../application/ports/login-history.ts';
import { contextEm, type Orm } from './orm.ts';
import { LoginAttemptSchema } from './schemas/login-attempt.ts';

export class MikroOrmLoginHistory implements LoginHistory {
  constructor(private readonly orm: Orm) {}

  async record(attempt: LoginAttempt): Promise<void> {
    await contextEm(this.orm).insert(LoginAttemptSchema, { ...attempt });
  }

  async listOf(userId: string, page: { after?: LoginAttemptPosition | undefined; limit: number }): Promise<LoginAttempt[]> {
    const after = page.after;
    const where = after ? { userId, $or: [{ at: { $lt: after.at } }, { at: after.at, id: { $lt: after.id } }] } : { userId };
    return contextEm(this.orm).find(LoginAttemptSchema, where, { orderBy: [{ at: 'desc' }, { id: 'desc' }], limit: page.limit });
  }

  async prune(before: Date): Promise<number> {
    return contextEm(this.orm).nativeDelete(LoginAttemptSchema, { at: { $lt: before } });
  }
}
