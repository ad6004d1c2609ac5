import { NotFound } from '../../domain/errors.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { ObjectJanitor } from '../media/object-janitor.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import type { AccountRemover } from '../users/account-remover.ts';

/** An administrator removes an account with its themes, images and stored objects. */
export class DeleteUser {
  constructor(
    private readonly users: UserRepo,
    private readonly remover: AccountRemover,
    private readonly janitor: ObjectJanitor,
    private readonly audit: Auditor,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'users:manage');
    const keys = await this.tx.run(async () => {
      const user = await this.users.findById(id);
      if (!user) throw new NotFound('user');
      const keys = await this.remover.remove(actor, user);
      await this.audit.record(actor, 'admin.user_deleted', { type: 'user', id: user.id }, { username: user.username, email: user.email });
      return keys;
    });
    await this.janitor.purge(keys);
  }
}
