import { EntitySchema } from '@mikro-orm/core';
import type { ThemeState } from '../../../../domain/themes/theme.ts';

/**
 * Rows of themes as plain state, for reads (Theme.restore). Writes are explicit SQL (theme-repo.ts),
 * to keep the search columns in step.
 */
export const ThemeSchema = new EntitySchema<ThemeState>({
  name: 'Theme',
  tableName: 'themes',
  properties: {
    id: { type: 'uuid', primary: true },
    ownerId: { type: 'uuid' },
    slug: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'text' },
    status: { type: 'string' },
    categoryId: { type: 'uuid', nullable: true },
    colors: { type: 'json' },
    accessibility: { type: 'json' },
    tags: { type: 'string[]' },
    favoriteCount: { type: 'integer' },
    version: { type: 'integer' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});
