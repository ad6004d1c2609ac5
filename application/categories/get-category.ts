import { NotFound } from '../../domain/errors.ts';
import type { CategoryRepo, CategoryWithCount } from '../ports/category-repo.ts';
import { parsePathKey } from '../validation.ts';

export class GetCategory {
  constructor(private readonly categories: CategoryRepo) {}

  async execute(slug: string): Promise<CategoryWithCount> {
    const category = await this.categories.findBySlug(parsePathKey(slug, 'category'));
    if (!category) throw new NotFound('category');
    return { category, themeCount: await this.categories.countPublishedThemes(category.id) };
  }
}
