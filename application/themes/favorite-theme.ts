import { requirePermission, requireUser, type Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { FavoriteRepo } from '../ports/favorite-repo.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import type { Transaction } from '../ports/transaction.ts';
import { findVisibleTheme } from './theme-access.ts';
import { themeAudience } from './theme-events.ts';

/** Idempotent: favouriting twice counts once, also when both requests arrive together. */
export class FavoriteTheme {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly favorites: FavoriteRepo,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, themeId: string): Promise<void> {
    requirePermission(actor, 'themes:favorite');
    const { userId } = requireUser(actor);
    const theme = await findVisibleTheme(this.themes, actor, themeId);
    await this.tx.run(async () => {
      if (!(await this.favorites.add(userId, theme.id, this.clock.now()))) return;
      await this.themes.adjustFavoriteCounts([theme.id], +1);
      await this.events.record(actor, 'favorite.added', { themeId: theme.id, userId: theme.ownerId }, themeAudience(theme), {
        slug: theme.slug,
        name: theme.name,
      });
    });
  }
}
