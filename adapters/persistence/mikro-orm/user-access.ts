import type { UserAccess, UserAccessReader } from '../../../application/ports/user-access.ts';
import { contextEm, isUuid, type Orm } from './orm.ts';

export class PostgresUserAccess implements UserAccessReader {
  constructor(private readonly orm: Orm) {}

  async find(userId: string): Promise<UserAccess | null> {
    if (!isUuid(userId)) return null;
    const [row] = await contextEm(this.orm).execute<{ role: UserAccess['role']; status: UserAccess['status']; session_generation: number }[]>(
      `select role, status, session_generation from users where id = ?`,
      [userId],
    );
    return row ? { role: row.role, status: row.status, sessionGeneration: row.session_generation } : null;
  }
}
