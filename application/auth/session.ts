import { RefreshToken } from '../../domain/users/refresh-token.ts';
import type { User } from '../../domain/users/user.ts';
import type { Origin } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';

export type Session = { user: User; accessToken: string; refreshToken: string; expiresIn: number };

/**
 * Issues the token pair of a sign-in (a new family: a session) or of a rotation (the next token of
 * a family). The access token names its family, so the sessions list can tell the caller's own.
 */
export class SessionIssuer {
  constructor(
    private readonly tokens: TokenIssuer,
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly ids: Ids,
    private readonly clock: Clock,
  ) {}

  async start(user: User, origin: Origin | undefined, rotation?: { familyId: string; parentId: string }): Promise<Session> {
    const refresh = this.tokens.newRefreshToken();
    const id = this.ids.next();
    const familyId = rotation?.familyId ?? id;
    await this.refreshTokens.add(
      RefreshToken.issue(
        {
          id,
          userId: user.id,
          tokenHash: refresh.hash,
          familyId,
          parentId: rotation?.parentId ?? null,
          ttlSeconds: this.tokens.refreshTokenTtlSeconds,
          ip: origin?.ip ?? null,
          userAgent: origin?.userAgent ?? null,
        },
        this.clock.now(),
      ),
    );
    const access = this.tokens.issueAccessToken({ userId: user.id, sessionGeneration: user.sessionGeneration, sessionId: familyId });
    return { user, accessToken: access.token, refreshToken: refresh.token, expiresIn: access.expiresIn };
  }
}
