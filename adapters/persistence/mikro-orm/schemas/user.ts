import { EntitySchema } from '@mikro-orm/core';
import { User } from '../../../../domain/users/user.ts';

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string' },
    username: { type: 'string' },
    passwordHash: { type: 'string' },
    displayName: { type: 'string' },
    bio: { type: 'text' },
    role: { type: 'string' },
    status: { type: 'string' },
    avatar: { type: 'json', nullable: true },
    failedLoginCount: { type: 'integer' },
    lockedUntil: { type: 'datetime', nullable: true },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});
