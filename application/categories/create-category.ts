import { Category } from '../../domain/categories/category.ts';
import { SlugTaken } from '../../domain/errors.ts';
import { slugify } from '../../domain/themes/slug.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { CategoryRepo } from '../ports/category-repo.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { Transaction } from '../ports/transaction.ts';
import { parseInput } from '../validation.ts';
import { CreateCategoryInput } from './category-input.ts';

export { CreateCategoryInput };

export class CreateCategory {
  constructor(
    private readonly categories: CategoryRepo,
    private readonly audit: Auditor,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<Category> {
    requirePermission(actor, 'categories:manage');
    const input = parseInput(CreateCategoryInput, raw);
    const slug = input.slug ?? slugify(input.name, 'category');
    if (await this.categories.findBySlug(slug)) throw new SlugTaken();
    const category = Category.create({ id: this.ids.next(), slug, name: input.name, description: input.description }, this.clock.now());
    await this.tx.run(async () => {
      await this.categories.save(category);
      await this.audit.record(actor, 'category.created', { type: 'category', id: category.id }, { slug, name: category.name });
      await this.events.record(actor, 'category.created', { categoryId: category.id }, 'public', { slug, name: category.name });
    });
    return category;
  }
}
