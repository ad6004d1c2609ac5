import type { Category } from '../../domain/categories/category.ts';

export type CategoryWithCount = { category: Category; themeCount: number };

export interface CategoryRepo {
  findById(id: string): Promise<Category | null>;
  findBySlug(slug: string): Promise<Category | null>;
  /** Every category sorted by name, each with its number of published themes, in one query. */
  listWithCounts(): Promise<CategoryWithCount[]>;
  countPublishedThemes(categoryId: string): Promise<number>;
  /** Inserts or updates. Throws SlugTaken when another category has the slug. */
  save(category: Category): Promise<void>;
  /** Throws CategoryInUse while any theme (draft or published) uses it. */
  delete(id: string): Promise<void>;
}
