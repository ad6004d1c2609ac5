import { Unauthenticated } from '../../domain/errors.ts';
import { userActor, type Origin, type UserActor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';
import type { UserAccessReader } from '../ports/user-access.ts';

/**
 * Turns a bearer token into an Actor. The user's status, role, session generation and recently
 * revoked sessions are read afresh (from a cache the change feed keeps exact), so a role change, a
 * disabled or deleted account, logout-all, a new password and a signed-out session apply to the
 * very next request.
 */
export class AuthenticateAccessToken {
  constructor(
    private readonly tokens: TokenIssuer,
    private readonly access: UserAccessReader,
    private readonly clock: Clock,
  ) {}

  async execute(token: string, origin?: Origin): Promise<UserActor> {
    return (await this.withExpiry(token, origin)).actor;
  }

  /** The actor, and when the token expires: a socket stays authenticated until then (and asks for a fresh token). */
  async withExpiry(token: string, origin?: Origin): Promise<{ actor: UserActor; expiresAt: Date }> {
    const claims = this.tokens.verifyAccessToken(token);
    if (!claims) throw new Unauthenticated('the access token is invalid or expired');
    // A session revoked longer ago than an access token lives has no unexpired access token left.
    const revokedSince = new Date(this.clock.now().getTime() - this.tokens.accessTokenTtlSeconds * 1000);
    const access = await this.access.find(claims.userId, revokedSince);
    if (access?.status !== 'active') throw new Unauthenticated('the account of this token no longer exists or is disabled');
    if (access.sessionGeneration !== claims.sessionGeneration) throw new Unauthenticated('this session was ended (logout-all or a new password); log in again');
    if (claims.sessionId && access.revokedSessions.has(claims.sessionId)) throw new Unauthenticated('this session was signed out; log in again');
    return { actor: userActor(claims.userId, access.role, origin, claims.sessionId), expiresAt: claims.expiresAt };
  }
}
