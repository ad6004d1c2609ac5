import { LastAdmin } from '../../domain/errors.ts';
import type { User } from '../../domain/users/user.ts';
import type { Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { FavoriteRepo } from '../ports/favorite-repo.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { recordThemeChange } from '../themes/theme-events.ts';

/**
 * Removes an account and everything it owns (themes, images, favourites, tokens). Runs inside the
 * caller's transaction; returns the object keys to purge once it has committed.
 */
export class AccountRemover {
  constructor(
    private readonly users: UserRepo,
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly themes: ThemeRepo,
    private readonly favorites: FavoriteRepo,
    private readonly images: ImageRepo,
    private readonly cleanup: ObjectCleanup,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
  ) {}

  async remove(actor: Actor, user: User): Promise<string[]> {
    await requireAnotherActiveAdmin(this.users, user);
    const keys = (await this.images.listOwnedBy(user.id)).flatMap((image) => image.keys());
    await this.cleanup.schedule(keys, this.clock.now());
    // Other people's themes this user favourited lose the favourite, and their counts with it.
    await this.themes.adjustFavoriteCounts(await this.favorites.removeAllOf(user.id), -1);
    const themes = await this.themes.deleteAllOfOwner(user.id);
    await this.refreshTokens.revokeAllOfUser(user.id, this.clock.now());
    await this.users.delete(user.id);
    // Each theme's end is told as such (public lists drop the published ones); the account's end
    // also changes other themes' favourite counts, so readers of any theme learn of it.
    for (const theme of themes) await recordThemeChange(this.events, actor, theme, null);
    await this.events.record(actor, 'user.deleted', { userId: user.id }, 'public', { username: user.username });
    return keys;
  }
}

/** Refuses to remove the last active admin; call inside a transaction (the admins stay locked). */
export async function requireAnotherActiveAdmin(users: UserRepo, user: User): Promise<void> {
  if (user.role !== 'admin' || !user.isActive()) return;
  const admins = await users.lockActiveAdminIds();
  if (admins.every((id) => id === user.id)) throw new LastAdmin();
}
