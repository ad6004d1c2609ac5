import { Unauthenticated } from '../../domain/errors.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import type { ObjectJanitor } from '../media/object-janitor.ts';
import type { AccountRemover } from './account-remover.ts';

export class DeleteAccount {
  constructor(
    private readonly users: UserRepo,
    private readonly remover: AccountRemover,
    private readonly janitor: ObjectJanitor,
    private readonly audit: Auditor,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor): Promise<void> {
    const { userId } = requireUser(actor);
    const keys = await this.tx.run(async () => {
      const user = await this.users.findById(userId);
      if (!user) throw new Unauthenticated();
      const keys = await this.remover.remove(actor, user);
      await this.audit.record(actor, 'user.deleted', { type: 'user', id: user.id }, { username: user.username });
      return keys;
    });
    await this.janitor.purge(keys);
  }
}
