import { RefreshToken } from '../../domain/users/refresh-token.ts';
import type { User } from '../../domain/users/user.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';

export type Session = { user: User; accessToken: string; refreshToken: string; expiresIn: number };

/** Issues the token pair of a login (a new family) or of a rotation (the next token of a family). */
export class SessionIssuer {
  constructor(
    private readonly tokens: TokenIssuer,
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly ids: Ids,
    private readonly clock: Clock,
  ) {}

  async start(user: User, rotation?: { familyId: string; parentId: string }): Promise<Session> {
    const refresh = this.tokens.newRefreshToken();
    const id = this.ids.next();
    await this.refreshTokens.add(
      RefreshToken.issue(
        {
          id,
          userId: user.id,
          tokenHash: refresh.hash,
          familyId: rotation?.familyId ?? id,
          parentId: rotation?.parentId ?? null,
          ttlSeconds: this.tokens.refreshTokenTtlSeconds,
        },
        this.clock.now(),
      ),
    );
    const access = this.tokens.issueAccessToken({ userId: user.id });
    return { user, accessToken: access.token, refreshToken: refresh.token, expiresIn: access.expiresIn };
  }
}
