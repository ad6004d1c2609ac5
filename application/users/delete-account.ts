import { Unauthenticated } from '../../domain/errors.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { AccountRemover } from './account-remover.ts';

/** The caller deletes their own account, with their themes, images and stored objects. */
export class DeleteAccount {
  constructor(private readonly remover: AccountRemover) {}

  async execute(actor: Actor): Promise<void> {
    const { userId } = requireUser(actor);
    await this.remover.remove(actor, userId, {
      missing: () => new Unauthenticated(),
      audit: (user) => ({ action: 'user.deleted', details: { username: user.username } }),
    });
  }
}
