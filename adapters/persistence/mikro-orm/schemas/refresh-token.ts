import { EntitySchema } from '@mikro-orm/core';
import type { RefreshTokenState } from '../../../../domain/users/refresh-token.ts';

/** Rows of refresh_tokens as plain state; the repository turns them into aggregates with RefreshToken.restore. */
export const RefreshTokenSchema = new EntitySchema<RefreshTokenState>({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    tokenHash: { type: 'string' },
    familyId: { type: 'uuid' },
    parentId: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime' },
    expiresAt: { type: 'datetime' },
    rotatedAt: { type: 'datetime', nullable: true },
    revokedAt: { type: 'datetime', nullable: true },
    ip: { type: 'string', nullable: true },
    userAgent: { type: 'string', nullable: true },
  },
});
