import { z } from 'zod';
import { Forbidden, InvalidCredentials, TooManyAttempts } from '../../domain/errors.ts';
import type { User } from '../../domain/users/user.ts';
import type { Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { LoginThrottle } from '../ports/login-throttle.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { SignInCounter } from '../ports/sign-in-counter.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { parseInput, text } from '../validation.ts';
import { failureUnder, type LoginPolicy } from './login-policy.ts';
import type { Session, SessionIssuer } from './session.ts';
import type { SignInRecorder } from './sign-in-recorder.ts';

export const LoginInput = z.strictObject({
  login: text().trim().toLowerCase().min(1).max(254),
  password: text().min(1).max(1024),
});

/**
 * Email or username and password to a session. Failures are counted per login whether or not an
 * account has it, so an unknown login and a wrong password look alike, in answer and in time: the
 * `maxFailures`-th answers 401 and locks the login; until the lock ends, every attempt answers 429.
 */
export class Login {
  constructor(
    private readonly users: UserRepo,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionIssuer,
    private readonly record: SignInRecorder,
    private readonly clock: Clock,
    private readonly tx: Transaction,
    private readonly policy: LoginPolicy,
    private readonly counter: SignInCounter,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<Session> {
    const { login, password } = parseInput(LoginInput, raw);
    const user = login.includes('@') ? await this.users.findByEmail(login) : await this.users.findByUsername(login);
    const lockedUntil = await this.throttle.lockedUntil(login, this.clock.now());
    if (lockedUntil) {
      await this.record.locked(actor, user);
      this.counter.count('locked');
      throw this.locked(lockedUntil);
    }

    const verified = user ? await this.hasher.verify(password, user.passwordHash) : await this.hasher.verifyDummy(password).then(() => false);
    if (!user || !verified) return this.refuse(actor, login, user);

    const session = await this.tx.run(async () => {
      const now = this.clock.now();
      // Only an account still active now logs in: an admin who disabled it during the verify wins.
      const current = await this.users.recordLogin(user.id, now);
      if (!current) return null;
      await this.throttle.clear([current.email, current.username], now);
      await this.record.succeeded(actor, current);
      return this.sessions.start(current, actor.origin);
    });
    if (!session) {
      this.counter.count('disabled');
      throw new Forbidden('this account is disabled');
    }
    this.counter.count('success');
    return session;
  }

  private async refuse(actor: Actor, login: string, user: User | null): Promise<never> {
    const now = this.clock.now();
    const { failures, lockedUntil } = await this.throttle.recordFailure(login, failureUnder(this.policy, now));
    await this.tx.run(() => this.record.failed(actor, user, failures === this.policy.maxFailures ? this.policy.lockSeconds : undefined));
    // Counted after the failure that locked the login (requests racing it): the lock already holds.
    if (failures > this.policy.maxFailures && lockedUntil) {
      this.counter.count('locked');
      throw this.locked(lockedUntil);
    }
    this.counter.count('failure');
    throw new InvalidCredentials();
  }

  private locked(until: Date): TooManyAttempts {
    const seconds = Math.max(1, Math.ceil((until.getTime() - this.clock.now().getTime()) / 1000));
    return new TooManyAttempts(seconds, 'too many failed logins; try again later');
  }
}
