import { z } from 'zod';
import { Forbidden, InvalidCredentials, TooManyAttempts } from '../../domain/errors.ts';
import type { LoginPolicy, User } from '../../domain/users/user.ts';
import type { Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { Clock } from '../ports/clock.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { parseInput, text } from '../validation.ts';
import type { Session, SessionIssuer } from './session.ts';

export const LoginInput = z.strictObject({
  login: text().trim().toLowerCase().min(1).max(254),
  password: text().min(1).max(1024),
});

export class Login {
  constructor(
    private readonly users: UserRepo,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
    private readonly audit: Auditor,
    private readonly clock: Clock,
    private readonly tx: Transaction,
    private readonly policy: LoginPolicy,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<Session> {
    const { login, password } = parseInput(LoginInput, raw);
    const user = login.includes('@') ? await this.users.findByEmail(login) : await this.users.findByUsername(login);
    if (!user) {
      await this.hasher.verifyDummy(password);
      await this.tx.run(() => this.audit.record(actor, 'auth.login_failed', { type: 'user', id: null }, { reason: 'unknown_login' }));
      throw new InvalidCredentials();
    }

    const locked = user.lockRemainingSeconds(this.clock.now());
    if (locked > 0) throw new TooManyAttempts(locked, 'this account is locked after repeated failed logins');

    if (!(await this.hasher.verify(password, user.passwordHash))) return this.refuse(actor, user);
    if (!user.isActive()) throw new Forbidden('this account is disabled');

    return this.tx.run(async () => {
      user.recordSuccessfulLogin(this.clock.now());
      await this.users.update(user);
      await this.audit.record(actor, 'auth.login_succeeded', { type: 'user', id: user.id }, {}, user.id);
      return this.sessions.start(user);
    });
  }

  private async refuse(actor: Actor, user: User): Promise<never> {
    const lockedNow = await this.tx.run(async () => {
      const locks = user.recordFailedLogin(this.clock.now(), this.policy);
      await this.users.update(user);
      await this.audit.record(actor, 'auth.login_failed', { type: 'user', id: user.id }, { reason: 'wrong_password' });
      if (locks) await this.audit.record(actor, 'auth.locked', { type: 'user', id: user.id }, { lockSeconds: this.policy.lockSeconds });
      return locks;
    });
    if (lockedNow) throw new TooManyAttempts(this.policy.lockSeconds, 'this account is locked after repeated failed logins');
    throw new InvalidCredentials();
  }
}
