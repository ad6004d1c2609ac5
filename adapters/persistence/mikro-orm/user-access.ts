import type { UserAccess, UserAccessReader } from '../../../application/ports/user-access.ts';
import { contextEm, isUuid, type Orm } from './orm.ts';

type Row = { role: UserAccess['role']; status: UserAccess['status']; session_generation: number; revoked_sessions: string[] };

export class PostgresUserAccess implements UserAccessReader {
  constructor(private readonly orm: Orm) {}

  async find(userId: string, revokedSince: Date): Promise<UserAccess | null> {
    if (!isUuid(userId)) return null;
    const [row] = await contextEm(this.orm).execute<Row[]>(
      `select u.role, u.status, u.session_generation,
              array(select distinct t.family_id from refresh_tokens t where t.user_id = u.id and t.revoked_at >= ?) as revoked_sessions
       from users u where u.id = ?`,
      [revokedSince, userId],
    );
    return row ? { role: row.role, status: row.status, sessionGeneration: row.session_generation, revokedSessions: new Set(row.revoked_sessions) } : null;
  }
}
