import type { CategoryRepo, CategoryWithCount } from '../../../application/ports/category-repo.ts';
import type { Category } from '../../../domain/categories/category.ts';
import { CategoryInUse, SlugTaken } from '../../../domain/errors.ts';
import type { Theme } from '../../../domain/themes/theme.ts';
import { byName } from '../sorting.ts';
import { copyOf, type MemoryDb } from './memory-db.ts';

export class InMemoryCategoryRepo implements CategoryRepo {
  constructor(private readonly db: MemoryDb) {}

  private get rows(): Map<string, Category> {
    return this.db.table<Category>('categories');
  }

  private get themes(): Theme[] {
    return [...this.db.table<Theme>('themes').values()];
  }

  async findById(id: string): Promise<Category | null> {
    return copyOf(this.rows.get(id) ?? null);
  }

  async findBySlug(slug: string): Promise<Category | null> {
    return copyOf([...this.rows.values()].find((c) => c.slug === slug) ?? null);
  }

  async findManyByIds(ids: string[]): Promise<Category[]> {
    return ids.flatMap((id) => (this.rows.has(id) ? [copyOf(this.rows.get(id)!)] : []));
  }

  async listWithCounts(): Promise<CategoryWithCount[]> {
    return [...this.rows.values()].sort(byName).map((category) => ({ category: copyOf(category), themeCount: this.published(category.id) }));
  }

  async countPublishedThemes(categoryId: string): Promise<number> {
    return this.published(categoryId);
  }

  save(category: Category): Promise<void> {
    return this.db.write(() => {
      if ([...this.rows.values()].some((c) => c.slug === category.slug && c.id !== category.id)) throw new SlugTaken();
      this.rows.set(category.id, copyOf(category));
    });
  }

  delete(id: string): Promise<void> {
    return this.db.write(() => {
      if (this.themes.some((t) => t.categoryId === id)) throw new CategoryInUse();
      this.rows.delete(id);
    });
  }

  private published(categoryId: string): number {
    return this.themes.filter((t) => t.categoryId === categoryId && t.status === 'published').length;
  }
}
