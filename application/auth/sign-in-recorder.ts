import type { User } from '../../domain/users/user.ts';
import type { Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { LoginHistory, LoginOutcome } from '../ports/login-history.ts';

/**
 * What a sign-in attempt leaves behind: the attempt on its account's history (or on none, for an
 * unknown login) and, for successes and failures, its audit event; a lock is also told to the
 * admins' change feed. Call inside a transaction.
 */
export class SignInRecorder {
  constructor(
    private readonly history: LoginHistory,
    private readonly audit: Auditor,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  async succeeded(actor: Actor, user: User): Promise<void> {
    await this.attempt(actor, user, 'success');
    await this.audit.record(actor, 'auth.login_succeeded', { type: 'user', id: user.id }, {}, user.id);
  }

  /** `lockSeconds` when this failure locked the login. */
  async failed(actor: Actor, user: User | null, lockSeconds?: number): Promise<void> {
    const target = { type: 'user', id: user?.id ?? null };
    await this.attempt(actor, user, 'failure');
    await this.audit.record(actor, 'auth.login_failed', target, { reason: user ? 'wrong_password' : 'unknown_login' });
    if (lockSeconds === undefined) return;
    await this.audit.record(actor, 'auth.locked', target, { lockSeconds });
    await this.events.record(actor, 'user.locked', { userId: user?.id ?? null }, 'admins', { username: user?.username ?? null, lockSeconds });
  }

  /** Refused unheard while the login is locked: history only (the lock itself was audited). */
  locked(actor: Actor, user: User | null): Promise<void> {
    return this.attempt(actor, user, 'locked');
  }

  private attempt(actor: Actor, user: User | null, outcome: LoginOutcome): Promise<void> {
    return this.history.record({
      id: this.ids.next(),
      userId: user?.id ?? null,
      at: this.clock.now(),
      outcome,
      ip: actor.origin?.ip ?? null,
      userAgent: actor.origin?.userAgent ?? null,
    });
  }
}
