import type { RefreshTokenRepo, SessionRecord } from '../../../application/ports/refresh-token-repo.ts';
import { RefreshToken } from '../../../domain/users/refresh-token.ts';
import type { QueryResult } from '@mikro-orm/core';
import { contextEm, type Orm } from './orm.ts';
import { RefreshTokenSchema } from './schemas/refresh-token.ts';

export class MikroOrmRefreshTokenRepo implements RefreshTokenRepo {
  constructor(private readonly orm: Orm) {}

  async add(token: RefreshToken): Promise<void> {
    await contextEm(this.orm).insert(RefreshTokenSchema, token.toState());
  }

  async findByHash(tokenHash: string): Promise<RefreshToken | null> {
    const row = await contextEm(this.orm).findOne(RefreshTokenSchema, { tokenHash });
    return row && RefreshToken.restore(row);
  }

  async markRotated(id: string, at: Date): Promise<boolean> {
    // One conditional update decides races: only one caller sees a row change.
    const changed = await contextEm(this.orm).nativeUpdate(RefreshTokenSchema, { id, rotatedAt: null, revokedAt: null }, { rotatedAt: at });
    return changed === 1;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await contextEm(this.orm).nativeUpdate(RefreshTokenSchema, { familyId, revokedAt: null }, { revokedAt: at });
  }

  async revokeAllOfUser(userId: string, at: Date): Promise<void> {
    await contextEm(this.orm).nativeUpdate(RefreshTokenSchema, { userId, revokedAt: null }, { revokedAt: at });
  }

  async activeSessionsOf(userId: string, now: Date): Promise<SessionRecord[]> {
    // Each family's newest token (where it was last used from) and its first (the sign-in).
    const rows = await contextEm(this.orm).execute<{ family_id: string; created_at: string; last_used_at: string; ip: string | null; user_agent: string | null }[]>(
      `select * from (
         select distinct on (t.family_id) t.family_id, t.created_at as last_used_at, t.ip, t.user_agent,
                (select min(f.created_at) from refresh_tokens f where f.family_id = t.family_id) as created_at
         from refresh_tokens t
         where t.user_id = ? and t.family_id in (
           select family_id from refresh_tokens
           where user_id = ? and revoked_at is null and rotated_at is null and expires_at > ?)
         order by t.family_id, t.created_at desc, t.id desc
       ) s order by s.last_used_at desc, s.family_id desc`,
      [userId, userId, now],
    );
    return rows.map((r) => ({ id: r.family_id, createdAt: new Date(r.created_at), lastUsedAt: new Date(r.last_used_at), ip: r.ip, userAgent: r.user_agent }));
  }

  async prune(before: Date): Promise<number> {
    // A family's first token (id = family_id) is its sign-in time in the sessions list: it goes with the last.
    const result = await contextEm(this.orm).execute<QueryResult>(
      `delete from refresh_tokens t
       where t.expires_at < ?
         and (t.id <> t.family_id or not exists (select 1 from refresh_tokens l where l.family_id = t.family_id and l.expires_at >= ?))`,
      [before, before],
      'run',
    );
    return result.affectedRows;
  }
}
