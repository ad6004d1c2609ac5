import { LastAdmin } from '../../domain/errors.ts';
import type { User } from '../../domain/users/user.ts';
import type { Clock } from '../ports/clock.ts';
import type { FavoriteRepo } from '../ports/favorite-repo.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import type { UserRepo } from '../ports/user-repo.ts';

/** Removes an account and everything it owns. Runs inside the caller's transaction. */
export class AccountRemover {
  constructor(
    private readonly users: UserRepo,
    private readonly refreshTokens: RefreshTokenRepo,
    private readonly themes: ThemeRepo,
    private readonly favorites: FavoriteRepo,
    private readonly clock: Clock,
  ) {}

  async remove(user: User): Promise<void> {
    await requireAnotherActiveAdmin(this.users, user);
    // Other people's themes this user favourited lose the favourite, and their counts with it.
    await this.themes.adjustFavoriteCounts(await this.favorites.removeAllOf(user.id), -1);
    await this.themes.deleteAllOfOwner(user.id);
    await this.refreshTokens.revokeAllOfUser(user.id, this.clock.now());
    await this.users.delete(user.id);
  }
}

/** Refuses to remove the last active admin; call inside a transaction (the admins stay locked). */
export async function requireAnotherActiveAdmin(users: UserRepo, user: User): Promise<void> {
  if (user.role !== 'admin' || !user.isActive()) return;
  const admins = await users.lockActiveAdminIds();
  if (admins.every((id) => id === user.id)) throw new LastAdmin();
}
