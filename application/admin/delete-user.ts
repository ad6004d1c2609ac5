import { NotFound } from '../../domain/errors.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { AccountRemover } from '../users/account-remover.ts';

/** An administrator removes an account with its themes, images and stored objects. */
export class DeleteUser {
  constructor(private readonly remover: AccountRemover) {}

  async execute(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'users:manage');
    await this.remover.remove(actor, id, {
      missing: () => new NotFound('user'),
      audit: (user) => ({ action: 'admin.user_deleted', details: { username: user.username, email: user.email } }),
    });
  }
}
