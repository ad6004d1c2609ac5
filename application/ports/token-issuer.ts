/**
 * Whose token it is, the session generation it was issued in (User.sessionGeneration), and
 * `sessionId`: the refresh-token family (the sign-in) the token belongs to; absent in tokens issued before it was carried.
 */
export type AccessClaims = { userId: string; sessionGeneration: number; sessionId?: string };
/** The claims of a verified token, and when it expires (its `exp`). */
export type VerifiedAccessClaims = AccessClaims & { expiresAt: Date };
export type IssuedAccessToken = { token: string; expiresIn: number };
export type NewRefreshToken = { token: string; hash: string };

export interface TokenIssuer {
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  issueAccessToken(claims: AccessClaims): IssuedAccessToken;
  /** The claims of a valid token, or null for a missing, malformed, forged or expired one. */
  verifyAccessToken(token: string): VerifiedAccessClaims | null;
  /** A fresh opaque refresh token (≥ 256 random bits) and the hash under which it is stored. */
  newRefreshToken(): NewRefreshToken;
  hashRefreshToken(token: string): string;
}
