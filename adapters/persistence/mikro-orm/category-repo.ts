import type { CategoryRepo, CategoryWithCount } from '../../../application/ports/category-repo.ts';
import { Category } from '../../../domain/categories/category.ts';
import { CategoryInUse, SlugTaken } from '../../../domain/errors.ts';
import { byName } from '../sorting.ts';
import { contextEm, hasSqlState, isUuid, translatingUniqueViolations, type Orm } from './orm.ts';
import { CategorySchema } from './schemas/category.ts';

export class MikroOrmCategoryRepo implements CategoryRepo {
  constructor(private readonly orm: Orm) {}

  async findById(id: string): Promise<Category | null> {
    return isUuid(id) ? this.findOne({ id }) : null;
  }

  findBySlug(slug: string): Promise<Category | null> {
    return this.findOne({ slug });
  }

  async listWithCounts(): Promise<CategoryWithCount[]> {
    const em = contextEm(this.orm);
    const [categories, counts] = await Promise.all([
      em.find(CategorySchema, {}),
      em.execute<{ category_id: string; count: string }[]>(
        `select category_id, count(*) as count from themes where status = 'published' and category_id is not null group by category_id`,
      ),
    ]);
    const countOf = new Map(counts.map((r) => [r.category_id, Number(r.count)]));
    return categories.sort(byName).map((row) => ({ category: Category.restore(row), themeCount: countOf.get(row.id) ?? 0 }));
  }

  async countPublishedThemes(categoryId: string): Promise<number> {
    const [row] = await contextEm(this.orm).execute<{ count: string }[]>(`select count(*) as count from themes where status = 'published' and category_id = ?`, [
      categoryId,
    ]);
    return Number(row?.count ?? 0);
  }

  async save(category: Category): Promise<void> {
    await translatingUniqueViolations(() => contextEm(this.orm).upsert(CategorySchema, category.toState(), { onConflictFields: ['id'] }), {
      categories_slug_unique: () => new SlugTaken(),
    });
  }

  async delete(id: string): Promise<void> {
    try {
      await contextEm(this.orm).nativeDelete(CategorySchema, { id });
    } catch (error) {
      // ON DELETE RESTRICT answers 23001; a plain foreign key 23503.
      if (hasSqlState(error, '23001', '23503')) throw new CategoryInUse();
      throw error;
    }
  }

  private async findOne(where: { id: string } | { slug: string }): Promise<Category | null> {
    const row = await contextEm(this.orm).findOne(CategorySchema, where);
    return row && Category.restore(row);
  }
}
