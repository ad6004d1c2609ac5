import { Unauthenticated } from '../../domain/errors.ts';
import { userActor, type Origin, type UserActor } from '../actor.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';
import type { UserAccessReader } from '../ports/user-access.ts';

/**
 * Turns a bearer token into an Actor. The user's status, role and session generation are read
 * afresh (from a cache the change feed keeps exact), so a role change, a disabled or deleted
 * account, logout-all and a new password apply to the very next request.
 */
export class AuthenticateAccessToken {
  constructor(
    private readonly tokens: TokenIssuer,
    private readonly access: UserAccessReader,
  ) {}

  async execute(token: string, origin?: Origin): Promise<UserActor> {
    const claims = this.tokens.verifyAccessToken(token);
    if (!claims) throw new Unauthenticated('the access token is invalid or expired');
    const access = await this.access.find(claims.userId);
    if (access?.status !== 'active') throw new Unauthenticated('the account of this token no longer exists or is disabled');
    if (access.sessionGeneration !== claims.sessionGeneration) throw new Unauthenticated('this session was ended (logout-all or a new password); log in again');
    return userActor(claims.userId, access.role, origin, claims.sessionId);
  }
}
