import { Unauthenticated } from '../../domain/errors.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';

/** Ends every session of the caller: refresh tokens revoked, access tokens refused from the next request on. */
export class LogoutAll {
  constructor(
    private readonly users: UserRepo,
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor): Promise<void> {
    const { userId } = requireUser(actor);
    await this.tx.run(async () => {
      const user = await this.users.findById(userId);
      if (!user) throw new Unauthenticated();
      user.endSessions(this.clock.now());
      await this.users.update(user);
      await this.refreshTokens.revokeAllOfUser(userId, this.clock.now());
      await this.events.record(actor, 'user.logged_out_all', { userId }, 'owner');
    });
  }
}
