import { requireUser, type Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { RefreshTokenRepo, SessionRecord } from '../ports/refresh-token-repo.ts';

/** A session and whether it is the one the caller's access token belongs to. */
export type SessionView = SessionRecord & { current: boolean };

/** The caller's signed-in sessions (one per sign-in, kept alive by refreshing), last used first. */
export class ListSessions {
  constructor(
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor): Promise<SessionView[]> {
    const { userId, sessionId } = requireUser(actor);
    const sessions = await this.refreshTokens.activeSessionsOf(userId, this.clock.now());
    return sessions.map((session) => ({ ...session, current: session.id === sessionId }));
  }
}
