import { NotFound } from '../../domain/errors.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { RefreshTokenRepo, SessionRecord } from '../ports/refresh-token-repo.ts';
import type { UserRepo } from '../ports/user-repo.ts';

/** Any account's signed-in sessions (one per sign-in), last used first, for administrators. */
export class ListUserSessions {
  constructor(
    private readonly users: UserRepo,
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, id: string): Promise<SessionRecord[]> {
    requirePermission(actor, 'users:manage');
    if (!(await this.users.findById(id))) throw new NotFound('user');
    return this.refreshTokens.activeSessionsOf(id, this.clock.now());
  }
}
