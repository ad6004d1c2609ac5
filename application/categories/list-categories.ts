import type { CategoryRepo, CategoryWithCount } from '../ports/category-repo.ts';

export class ListCategories {
  constructor(private readonly categories: CategoryRepo) {}

  execute(): Promise<CategoryWithCount[]> {
    return this.categories.listWithCounts();
  }
}
