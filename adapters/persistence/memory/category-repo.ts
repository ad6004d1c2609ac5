import type { CategoryRepo, CategoryWithCount } from '../../../application/ports/category-repo.ts';
import { Category } from '../../../domain/categories/category.ts';
import { CategoryInUse, SlugTaken } from '../../../domain/errors.ts';
import { byName } from '../sorting.ts';
import { RestrictViolation, type MemoryDatabase } from './memory-database.ts';

export class InMemoryCategoryRepo implements CategoryRepo {
  constructor(private readonly db: MemoryDatabase) {}

  private get rows() {
    return this.db.tables.categories;
  }

  async findById(id: string): Promise<Category | null> {
    const row = this.rows.get(id);
    return row ? Category.restore(row) : null;
  }

  async findBySlug(slug: string): Promise<Category | null> {
    const row = this.rows.find((c) => c.slug === slug);
    return row ? Category.restore(row) : null;
  }

  async listWithCounts(): Promise<CategoryWithCount[]> {
    return this.rows
      .filter()
      .sort(byName)
      .map((row) => ({ category: Category.restore(row), themeCount: this.published(row.id) }));
  }

  async countPublishedThemes(categoryId: string): Promise<number> {
    return this.published(categoryId);
  }

  save(category: Category): Promise<void> {
    return this.db.write(() => {
      const state = category.toState();
      if (this.rows.find((c) => c.slug === state.slug && c.id !== state.id)) throw new SlugTaken();
      this.rows.put(state);
    });
  }

  delete(id: string): Promise<void> {
    return this.db.write(() => {
      try {
        this.db.delete('categories', (c) => c.id === id);
      } catch (error) {
        if (error instanceof RestrictViolation) throw new CategoryInUse();
        throw error;
      }
    });
  }

  private published(categoryId: string): number {
    return this.db.tables.themes.filter((t) => t.categoryId === categoryId && t.status === 'published').length;
  }
}
