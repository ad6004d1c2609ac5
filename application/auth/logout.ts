import { InvalidRefreshToken } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';
import type { Transaction } from '../ports/transaction.ts';
import { parseInput } from '../validation.ts';
import { RefreshSessionInput } from './refresh-session.ts';

export const LogoutInput = RefreshSessionInput;

/**
 * Ends one login: the presented token's whole family, and the access tokens issued for it (told to
 * every instance's access cache by the event). Idempotent for a token the server knows.
 */
export class Logout {
  constructor(
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly tokens: TokenIssuer,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<void> {
    const { refreshToken } = parseInput(LogoutInput, raw);
    const token = await this.refreshTokens.findByHash(this.tokens.hashRefreshToken(refreshToken));
    if (!token) throw new InvalidRefreshToken();
    if (token.revokedAt) return;
    await this.tx.run(async () => {
      await this.refreshTokens.revokeFamily(token.familyId, this.clock.now());
      await this.events.record(actor, 'user.session_revoked', { userId: token.userId }, 'owner', { sessionId: token.familyId });
    });
  }
}
