import { EntitySchema } from '@mikro-orm/core';
import type { UserState } from '../../../../domain/users/user.ts';

/** Rows of users as plain state; the repository turns them into aggregates with User.restore. */
export const UserSchema = new EntitySchema<UserState>({
  name: 'User',
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
    lastLoginAt: { type: 'datetime', nullable: true },
    sessionGeneration: { type: 'integer' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});
