import { LastAdmin, type DomainError } from '../../domain/errors.ts';
import type { User } from '../../domain/users/user.ts';
import type { Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { ObjectJanitor } from '../media/object-janitor.ts';
import type { AuditAction } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { FavoriteRepo } from '../ports/favorite-repo.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { RefreshTokenRepo } from '../ports/refresh-token-repo.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { recordThemeChange } from '../themes/theme-events.ts';

/** What tells one way of removing an account from another: the refusal when it is not there, and its audit record. */
export type AccountRemoval = {
  missing: () => DomainError;
  audit: (user: User) => { action: AuditAction; details: Record<string, unknown> };
};

/**
 * Removes an account and everything it owns (themes, images, favourites, tokens) in one transaction
 * with its audit record, then purges its stored objects: the user deleting their own account and an
 * admin deleting someone's.
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
    private readonly audit: Auditor,
    private readonly janitor: ObjectJanitor,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async remove(actor: Actor, userId: string, removal: AccountRemoval): Promise<void> {
    const keys = await this.tx.run(async () => {
      const user = await this.users.findById(userId);
      if (!user) throw removal.missing();
      const keys = await this.removeOwned(actor, user);
      const { action, details } = removal.audit(user);
      await this.audit.record(actor, action, { type: 'user', id: user.id }, details);
      return keys;
    });
    await this.janitor.purge(keys);
  }

  /** The rows go now; the object keys returned are purged once the transaction has committed. */
  private async removeOwned(actor: Actor, user: User): Promise<string[]> {
    await requireAnotherActiveAdmin(this.users, user);
    const keys = (await this.images.listOwnedBy(user.id)).flatMap((image) => image.keys());
    await this.cleanup.schedule(keys, this.clock.now());
    // Other people's themes this user favourited lose the favourite, and their counts with it.
    await this.themes.adjustFavoriteCounts(await this.favorites.removeAllOf(user.id), -1);
    const themes = await this.themes.deleteAllOfOwner(user.id);
    await this.refreshTokens.revokeAllOfUser(user.id, this.clock.now());
    // Each theme's end is told as such (public lists drop the published ones); the account's end
    // also changes other themes' favourite counts, so readers of any theme learn of it. Told before
    // the account goes: a notification they give its owner (an admin removed it) goes with the account.
    for (const theme of themes) await recordThemeChange(this.events, actor, theme, null);
    await this.users.delete(user.id);
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
