import { z } from 'zod';
import type { Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Transaction } from '../ports/transaction.ts';
import { displayNameField, emailField, passwordField, usernameField } from '../users/fields.ts';
import type { AccountCreator } from '../users/account-creator.ts';
import { parseInput } from '../validation.ts';
import type { Session, SessionIssuer } from './session.ts';

export const RegisterUserInput = z.strictObject({
  email: emailField,
  username: usernameField,
  password: passwordField,
  displayName: displayNameField.optional(),
});

export class RegisterUser {
  constructor(
    private readonly accounts: AccountCreator,
    private readonly sessions: SessionIssuer,
    private readonly audit: Auditor,
    private readonly events: EventRecorder,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<Session> {
    const input = parseInput(RegisterUserInput, raw);
    return this.tx.run(async () => {
      const user = await this.accounts.create({ ...input, role: 'user' });
      await this.audit.record(actor, 'user.registered', { type: 'user', id: user.id }, { username: user.username }, user.id);
      await this.events.record(actor, 'user.registered', { userId: user.id }, 'admins', { username: user.username, role: user.role });
      return this.sessions.start(user, actor.origin);
    });
  }
}
