import type { Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import type { Transaction } from '../ports/transaction.ts';
import { findVisibleTheme, requireCanChange } from './theme-access.ts';

export class DeleteTheme {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly audit: Auditor,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, id: string): Promise<void> {
    const theme = await findVisibleTheme(this.themes, actor, id);
    requireCanChange(actor, theme);
    await this.tx.run(async () => {
      await this.themes.delete(theme.id);
      // A moderator removing someone else's theme is recorded; owners tidying their own are not.
      if (actor.kind !== 'user' || actor.userId !== theme.ownerId)
        await this.audit.record(actor, 'theme.deleted', { type: 'theme', id: theme.id }, { ownerId: theme.ownerId, name: theme.name, slug: theme.slug });
    });
  }
}
