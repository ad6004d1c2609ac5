import { z } from 'zod';
import { InvalidRefreshToken, RefreshTokenReused } from '../../domain/errors.ts';
import type { RefreshToken } from '../../domain/users/refresh-token.ts';
import type { User } from '../../domain/users/user.ts';
import type { Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { parseInput, text } from '../validation.ts';
import type { Session, SessionIssuer } from './session.ts';

export const RefreshSessionInput = z.strictObject({ refreshToken: text().min(1).max(512) });

/**
 * A refresh token for a new session; the token is spent. A spent token presented again is a theft
 * and revokes its whole family, except within `reuseGraceSeconds` of its rotation (REFRESH_REUSE_GRACE):
 * then it is two tabs refreshing at once, and the latecomer gets a session of the same family too.
 */
export class RefreshSession {
  constructor(
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly users: UserRepo,
    private readonly tokens: TokenIssuer,
    private readonly sessions: SessionIssuer,
    private readonly audit: Auditor,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly tx: Transaction,
    private readonly reuseGraceSeconds: number,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<Session> {
    const { refreshToken } = parseInput(RefreshSessionInput, raw);
    const hash = this.tokens.hashRefreshToken(refreshToken);
    const token = await this.refreshTokens.findByHash(hash);
    if (!token) throw new InvalidRefreshToken();
    if (token.rotatedAt) return this.replayed(actor, token);
    const now = this.clock.now();
    if (token.revokedAt || token.isExpired(now)) throw new InvalidRefreshToken();
    const user = await this.activeOwner(token);

    const session = await this.tx.run(async () => {
      // Two requests racing with the same token: exactly one rotates it, the other is a replay.
      if (!(await this.refreshTokens.markRotated(token.id, now))) return null;
      return this.sessions.start(user, actor.origin, { familyId: token.familyId, parentId: token.id });
    });
    return session ?? this.replayed(actor, (await this.refreshTokens.findByHash(hash)) ?? token);
  }

  private async replayed(actor: Actor, token: RefreshToken): Promise<Session> {
    const now = this.clock.now();
    if (!token.revokedAt && !token.isExpired(now) && token.rotatedWithin(this.reuseGraceSeconds, now)) {
      const user = await this.activeOwner(token);
      return this.tx.run(() => this.sessions.start(user, actor.origin, { familyId: token.familyId, parentId: token.id }));
    }
    return this.reused(actor, token);
  }

  private async activeOwner(token: RefreshToken): Promise<User> {
    const user = await this.users.findById(token.userId);
    if (!user?.isActive()) throw new InvalidRefreshToken();
    return user;
  }

  /** The revocation commits before the refusal is thrown, so the thief's tokens stay dead. */
  private async reused(actor: Actor, token: RefreshToken): Promise<never> {
    await this.tx.run(async () => {
      await this.refreshTokens.revokeFamily(token.familyId, this.clock.now());
      await this.audit.record(actor, 'auth.refresh_reused', { type: 'user', id: token.userId }, { familyId: token.familyId });
      await this.events.record(actor, 'auth.refresh_reused', { userId: token.userId }, 'admins', { familyId: token.familyId });
    });
    throw new RefreshTokenReused();
  }
}
