import { z } from 'zod';
import { InvalidCredentials, Unauthenticated } from '../../domain/errors.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { parseInput, text } from '../validation.ts';
import { passwordField } from './fields.ts';

export const ChangePasswordInput = z.strictObject({
  currentPassword: text().min(1).max(1024),
  newPassword: passwordField,
});

/** Changing the password ends every session: all refresh tokens are revoked. */
export class ChangePassword {
  constructor(
    private readonly users: UserRepo,
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly hasher: PasswordHasher,
    private readonly audit: Auditor,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<void> {
    const { userId } = requireUser(actor);
    const input = parseInput(ChangePasswordInput, raw);
    const user = await this.users.findById(userId);
    if (!user) throw new Unauthenticated();
    if (!(await this.hasher.verify(input.currentPassword, user.passwordHash))) throw new InvalidCredentials();
    const hash = await this.hasher.hash(input.newPassword);
    await this.tx.run(async () => {
      const now = this.clock.now();
      user.changePasswordHash(hash, now);
      await this.users.update(user);
      await this.refreshTokens.revokeAllOfUser(user.id, now);
      await this.audit.record(actor, 'user.password_changed', { type: 'user', id: user.id });
      await this.events.record(actor, 'user.password_changed', { userId: user.id }, 'owner');
    });
  }
}
