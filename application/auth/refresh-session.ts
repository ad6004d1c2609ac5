import { z } from 'zod';
import { InvalidRefreshToken, RefreshTokenReused } from '../../domain/errors.ts';
import type { RefreshToken } from '../../domain/users/refresh-token.ts';
import type { Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { Clock } from '../ports/clock.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { parseInput, text } from '../validation.ts';
import type { Session, SessionIssuer } from './session.ts';

export const RefreshSessionInput = z.strictObject({ refreshToken: text().min(1).max(512) });

export class RefreshSession {
  constructor(
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly users: UserRepo,
    private readonly tokens: TokenIssuer,
    private readonly sessions: SessionIssuer,
    private readonly audit: Auditor,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<Session> {
    const { refreshToken } = parseInput(RefreshSessionInput, raw);
    const token = await this.refreshTokens.findByHash(this.tokens.hashRefreshToken(refreshToken));
    if (!token) throw new InvalidRefreshToken();
    if (token.rotatedAt) return this.reused(actor, token);
    const now = this.clock.now();
    if (token.revokedAt || token.isExpired(now)) throw new InvalidRefreshToken();
    const user = await this.users.findById(token.userId);
    if (!user?.isActive()) throw new InvalidRefreshToken();

    const session = await this.tx.run(async () => {
      // Two requests racing with the same token: exactly one rotates it, the other is a reuse.
      if (!(await this.refreshTokens.markRotated(token.id, now))) return null;
      return this.sessions.start(user, { familyId: token.familyId, parentId: token.id });
    });
    return session ?? this.reused(actor, token);
  }

  /** The revocation commits before the refusal is thrown, so the thief's tokens stay dead. */
  private async reused(actor: Actor, token: RefreshToken): Promise<never> {
    await this.tx.run(async () => {
      await this.refreshTokens.revokeFamily(token.familyId, this.clock.now());
      await this.audit.record(actor, 'auth.refresh_reused', { type: 'user', id: token.userId }, { familyId: token.familyId });
    });
    throw new RefreshTokenReused();
  }
}
