import { CategoryInUse, NotFound } from '../../domain/errors.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { CategoryRepo } from '../ports/category-repo.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import type { Transaction } from '../ports/transaction.ts';

/** Refused while any theme, draft or published, uses the category (the database refuses too). */
export class DeleteCategory {
  constructor(
    private readonly categories: CategoryRepo,
    private readonly themes: ThemeRepo,
    private readonly audit: Auditor,
    private readonly events: EventRecorder,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'categories:manage');
    const category = await this.categories.findById(id);
    if (!category) throw new NotFound('category');
    if ((await this.themes.countInCategory(id)) > 0) throw new CategoryInUse();
    await this.tx.run(async () => {
      await this.categories.delete(id);
      await this.audit.record(actor, 'category.deleted', { type: 'category', id }, { slug: category.slug, name: category.name });
      await this.events.record(actor, 'category.deleted', { categoryId: id }, 'public', { slug: category.slug, name: category.name });
    });
  }
}
