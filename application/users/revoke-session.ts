import { NotFound } from '../../domain/errors.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { Transaction } from '../ports/transaction.ts';

/**
 * Signs one of the caller's sessions out: its refresh tokens are revoked, and its access tokens are
 * refused from the next request on (the event evicts cached access). Someone else's session, or one
 * already ended, is not found.
 */
export class RevokeSession {
  constructor(
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly audit: Auditor,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, id: string): Promise<void> {
    const { userId } = requireUser(actor);
    const now = this.clock.now();
    const sessions = await this.refreshTokens.activeSessionsOf(userId, now);
    if (!sessions.some((session) => session.id === id)) throw new NotFound('session');
    await this.tx.run(async () => {
      await this.refreshTokens.revokeFamily(id, now);
      await this.audit.record(actor, 'user.session_revoked', { type: 'user', id: userId }, { sessionId: id });
      await this.events.record(actor, 'user.session_revoked', { userId }, 'owner', { sessionId: id });
    });
  }
}
