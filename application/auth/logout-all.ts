import { requireUser, type Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';

export class LogoutAll {
  constructor(
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor): Promise<void> {
    const { userId } = requireUser(actor);
    await this.refreshTokens.revokeAllOfUser(userId, this.clock.now());
  }
}
