import { Unauthenticated } from '../../domain/errors.ts';
import { userActor, type Origin, type UserActor } from '../actor.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';
import type { UserRepo } from '../ports/user-repo.ts';

/** Turns a bearer token into an Actor. The user is read afresh, so a role or status change applies at once. */
export class AuthenticateAccessToken {
  constructor(
    private readonly tokens: TokenIssuer,
    private readonly users: UserRepo,
  ) {}

  async execute(token: string, origin?: Origin): Promise<UserActor> {
    const claims = this.tokens.verifyAccessToken(token);
    if (!claims) throw new Unauthenticated('the access token is invalid or expired');
    const user = await this.users.findById(claims.userId);
    if (!user?.isActive()) throw new Unauthenticated('the account of this token no longer exists or is disabled');
    return userActor(user.id, user.role, origin, claims.sessionId);
  }
}
