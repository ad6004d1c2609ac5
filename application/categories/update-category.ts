import type { Category } from '../../domain/categories/category.ts';
import { NotFound, SlugTaken } from '../../domain/errors.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { CategoryRepo } from '../ports/category-repo.ts';
import type { Clock } from '../ports/clock.ts';
import type { Transaction } from '../ports/transaction.ts';
import { parseInput } from '../validation.ts';
import { UpdateCategoryInput } from './category-input.ts';

export { UpdateCategoryInput };

/** The slug stays as it is unless given: links and filters use it. */
export class UpdateCategory {
  constructor(
    private readonly categories: CategoryRepo,
    private readonly audit: Auditor,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, id: string, raw: unknown): Promise<Category> {
    requirePermission(actor, 'categories:manage');
    const changes = parseInput(UpdateCategoryInput, raw);
    const category = await this.categories.findById(id);
    if (!category) throw new NotFound('category');
    if (changes.slug !== undefined && changes.slug !== category.slug && (await this.categories.findBySlug(changes.slug))) throw new SlugTaken();
    category.edit(changes, this.clock.now());
    await this.tx.run(async () => {
      await this.categories.save(category);
      await this.audit.record(actor, 'category.updated', { type: 'category', id: category.id }, { changes });
      await this.events.record(actor, 'category.updated', { categoryId: category.id }, 'public', { slug: category.slug, name: category.name });
    });
    return category;
  }
}
