import { EntitySchema } from '@mikro-orm/core';
import { Category } from '../../../../domain/categories/category.ts';

export const CategorySchema = new EntitySchema<Category>({
  class: Category,
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
