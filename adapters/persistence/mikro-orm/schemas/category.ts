import { EntitySchema } from '@mikro-orm/core';
import type { CategoryState } from '../../../../domain/categories/category.ts';

/** Rows of categories as plain state; the repository turns them into aggregates with Category.restore. */
export const CategorySchema = new EntitySchema<CategoryState>({
  name: 'Category',
  tableName: 'categories',
  properties: {
    id: { type: 'uuid', primary: true },
    slug: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'text' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});
