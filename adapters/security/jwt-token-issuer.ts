import { createHash, randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../../application/ports/clock.ts';
import type { AccessClaims, IssuedAccessToken, NewRefreshToken, TokenIssuer, VerifiedAccessClaims } from '../../application/ports/token-issuer.ts';

export type JwtSettings = {
  secret: string;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
};

const ALGORITHM = 'HS256';

/** HS256 access tokens (algorithm pinned; iss, aud, exp and jti checked; `gen`: the session generation) and opaque refresh tokens. */
export class JwtTokenIssuer implements TokenIssuer {
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;

  constructor(
    private readonly settings: JwtSettings,
    private readonly clock: Clock,
  ) {
    this.accessTokenTtlSeconds = settings.accessTokenTtlSeconds;
    this.refreshTokenTtlSeconds = settings.refreshTokenTtlSeconds;
  }

  issueAccessToken(claims: AccessClaims): IssuedAccessToken {
    const token = jwt.sign({ iat: this.epochSeconds(), gen: claims.sessionGeneration, ...(claims.sessionId ? { sid: claims.sessionId } : {}) }, this.settings.secret, {
      algorithm: ALGORITHM,
      subject: claims.userId,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      expiresIn: this.accessTokenTtlSeconds,
      jwtid: randomUUID(),
    });
    return { token, expiresIn: this.accessTokenTtlSeconds };
  }

  verifyAccessToken(token: string): VerifiedAccessClaims | null {
    try {
      const payload = jwt.verify(token, this.settings.secret, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTimestamp: this.epochSeconds(),
      });
      if (typeof payload === 'string' || !payload.sub || !payload.jti || !payload.exp) return null;
      // Tokens issued before generations existed belong to the first one.
      const generation = payload.gen ?? 0;
      if (!Number.isInteger(generation)) return null;
      const claims = { userId: payload.sub, sessionGeneration: generation as number, expiresAt: new Date(payload.exp * 1000) };
      return typeof payload.sid === 'string' ? { ...claims, sessionId: payload.sid } : claims;
    } catch {
      return null;
    }
  }

  private epochSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  newRefreshToken(): NewRefreshToken {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: this.hashRefreshToken(token) };
  }

  /** A fast hash suffices: the token has 256 random bits, nothing to brute-force. */
  hashRefreshToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
