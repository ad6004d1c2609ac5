import { requireUser, type Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { FavoriteRepo } from '../ports/favorite-repo.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import type { Transaction } from '../ports/transaction.ts';
import { findVisibleTheme } from './theme-access.ts';
import { themeAudience } from './theme-events.ts';

/** Idempotent: removing a favourite that is not there changes nothing. */
export class UnfavoriteTheme {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly favorites: FavoriteRepo,
    private readonly events: EventRecorder,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, themeId: string): Promise<void> {
    const { userId } = requireUser(actor);
    const theme = await findVisibleTheme(this.themes, actor, themeId);
    await this.tx.run(async () => {
      if (!(await this.favorites.remove(userId, theme.id))) return;
      await this.themes.adjustFavoriteCounts([theme.id], -1);
      await this.events.record(actor, 'favorite.removed', { themeId: theme.id, userId: theme.ownerId }, themeAudience(theme));
    });
  }
}
