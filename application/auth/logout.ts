import { InvalidRefreshToken } from '../../domain/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';
import { parseInput } from '../validation.ts';
import { RefreshSessionInput } from './refresh-session.ts';

export const LogoutInput = RefreshSessionInput;

/** Ends one login: the presented token's whole family. Idempotent for a token the server knows. */
export class Logout {
  constructor(
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly tokens: TokenIssuer,
    private readonly clock: Clock,
  ) {}

  async execute(raw: unknown): Promise<void> {
    const { refreshToken } = parseInput(LogoutInput, raw);
    const token = await this.refreshTokens.findByHash(this.tokens.hashRefreshToken(refreshToken));
    if (!token) throw new InvalidRefreshToken();
    await this.refreshTokens.revokeFamily(token.familyId, this.clock.now());
  }
}
