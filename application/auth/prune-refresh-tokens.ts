import type { Clock } from '../ports/clock.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';

/**
 * Housekeeping: forgets refresh tokens (spent, revoked or never used) that expired more than
 * ACCESS_TOKEN_TTL ago. Until a spent token expires it stays, since presenting it again is how a
 * theft is caught; a revoked family's tokens stay while an access token of it may be alive (the
 * revocation is what refuses that token); a family's first token is its sign-in time in the
 * sessions list, so it goes only with the family's last.
 */
export class PruneRefreshTokens {
  constructor(
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly tokens: TokenIssuer,
    private readonly clock: Clock,
  ) {}

  /** Resolves with how many tokens went. */
  execute(): Promise<number> {
    return this.refreshTokens.prune(new Date(this.clock.now().getTime() - this.tokens.accessTokenTtlSeconds * 1000));
  }
}
