import { z } from 'zod';
import { NotFound } from '../../domain/errors.ts';
import { ROLES, USER_STATUSES } from '../../domain/users/role.ts';
import type { User } from '../../domain/users/user.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { LoginThrottle } from '../ports/login-throttle.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { requireAnotherActiveAdmin } from '../users/account-remover.ts';
import { parseInput } from '../validation.ts';

export const UpdateUserInput = z.strictObject({
  role: z.enum(ROLES).optional(),
  status: z.enum(USER_STATUSES).optional(),
  unlock: z.boolean().optional().meta({ description: 'true: forget the failed logins of the account’s email and username, ending a lockout' }),
});

/**
 * An administrator changes someone's role or status, or unlocks their logins. A change takes effect
 * on that user's next request; disabling also ends every session. The last active admin cannot be
 * demoted or disabled, even by two admins acting at once: the check runs under row locks in the
 * same transaction as the change.
 */
export class UpdateUser {
  constructor(
    private readonly users: UserRepo,
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly throttle: LoginThrottle,
    private readonly audit: Auditor,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, id: string, raw: unknown): Promise<User> {
    requirePermission(actor, 'users:manage');
    const changes = parseInput(UpdateUserInput, raw);
    return this.tx.run(async () => {
      const before = await this.users.findById(id);
      if (!before) throw new NotFound('user');
      const losesAdmin = (changes.role !== undefined && changes.role !== 'admin') || changes.status === 'disabled';
      if (losesAdmin) await requireAnotherActiveAdmin(this.users, before);
      // Read again under the lock: what another admin changed meanwhile counts.
      const user = (await this.users.findById(id)) ?? before;
      const now = this.clock.now();
      const target = { type: 'user', id: user.id };
      if (changes.role !== undefined || changes.status !== undefined) {
        const was = { role: user.role, status: user.status };
        if (changes.role !== undefined) user.changeRole(changes.role, now);
        if (changes.status !== undefined) user.changeStatus(changes.status, now);
        await this.users.update(user);
        if (changes.status === 'disabled') await this.refreshTokens.revokeAllOfUser(user.id, now);
        await this.audit.record(actor, 'admin.user_updated', target, { before: was, after: { role: user.role, status: user.status } });
        if (user.role !== was.role) await this.events.record(actor, 'user.role_changed', { userId: user.id }, 'owner', { from: was.role, to: user.role });
        if (user.status !== was.status) await this.events.record(actor, 'user.status_changed', { userId: user.id }, 'owner', { from: was.status, to: user.status });
      }
      if (changes.unlock) {
        const wasLocked = await this.throttle.clear([user.email, user.username], now);
        await this.audit.record(actor, 'admin.user_unlocked', target, { wasLocked });
      }
      return user;
    });
  }
}
