import { EntitySchema } from '@mikro-orm/core';
import type { LoginAttempt } from '../../../../application/ports/login-history.ts';

export const LoginAttemptSchema = new EntitySchema<LoginAttempt>({
  name: 'LoginAttempt',
  tableName: 'login_attempts',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid', nullable: true },
    at: { type: 'datetime' },
    outcome: { type: 'string' },
    ip: { type: 'string', nullable: true },
    userAgent: { type: 'string', nullable: true },
  },
});
