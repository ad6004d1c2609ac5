import { z } from 'zod';
import { ROLES } from '../../domain/users/role.ts';
import type { User } from '../../domain/users/user.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Transaction } from '../ports/transaction.ts';
import { parseInput } from '../validation.ts';
import { displayNameField, emailField, passwordField, usernameField } from './fields.ts';
import type { AccountCreator } from './account-creator.ts';

export const CreateUserInput = z.strictObject({
  email: emailField,
  username: usernameField,
  password: passwordField,
  displayName: displayNameField.optional(),
  role: z.enum(ROLES).default('user'),
});

/** An account made by an administrator or the seed CLI, with any role. */
export class CreateUser {
  constructor(
    private readonly accounts: AccountCreator,
    private readonly audit: Auditor,
    private readonly events: EventRecorder,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<User> {
    requirePermission(actor, 'users:manage');
    const input = parseInput(CreateUserInput, raw);
    return this.tx.run(async () => {
      const user = await this.accounts.create(input);
      await this.audit.record(actor, 'user.registered', { type: 'user', id: user.id }, { username: user.username, role: user.role });
      await this.events.record(actor, 'user.registered', { userId: user.id }, 'admins', { username: user.username, role: user.role });
      return user;
    });
  }
}
