import { EntitySchema } from '@mikro-orm/core';
import { RefreshToken } from '../../../../domain/users/refresh-token.ts';

export const RefreshTokenSchema = new EntitySchema<RefreshToken>({
  class: RefreshToken,
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
  },
});
