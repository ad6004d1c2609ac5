import type { RefreshTokenRepo } from '../../../application/ports/refresh-token-repo.ts';
import { RefreshToken } from '../../../domain/users/refresh-token.ts';
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
}
