import type { ThemeRepo } from '../../../application/ports/theme-repo.ts';
import { NotFound, SlugTaken, VersionConflict } from '../../../domain/errors.ts';
import { hexToLab } from '../../../domain/themes/color.ts';
import { Theme, type ThemeState } from '../../../domain/themes/theme.ts';
import { themeSearchWords } from '../search-words.ts';
import type { QueryResult } from '@mikro-orm/core';
import { atomically, contextEm, isUuid, translatingUniqueViolations, type Orm } from './orm.ts';
import { ThemeSchema } from './schemas/theme.ts';
import { paletteColumns } from './palette-columns.ts';
import { insertInto, sqlValue, update, type Columns } from './statements.ts';

/** A text[] from a JSON array parameter. */
const JSON_ARRAY = 'array(select jsonb_array_elements_text(?::jsonb))';

export class MikroOrmThemeRepo implements ThemeRepo {
  constructor(private readonly orm: Orm) {}

  async findById(id: string): Promise<Theme | null> {
    return isUuid(id) ? this.findOne({ id }) : null;
  }

  findBySlug(slug: string): Promise<Theme | null> {
    return this.findOne({ slug });
  }

  async slugsLike(base: string): Promise<Set<string>> {
    const rows = await contextEm(this.orm).execute<{ slug: string }[]>(`select slug from themes where slug = ? or slug ~ ?`, [base, `^${base}-[0-9]+$`]);
    return new Set(rows.map((r) => r.slug));
  }

  async insert(theme: Theme): Promise<void> {
    const state = theme.toState();
    await translatingUniqueViolations(
      () => atomically(this.orm, async () => {
        const insert = insertInto('themes', {
          id: state.id,
          owner_id: state.ownerId,
          favorite_count: state.favoriteCount,
          created_at: state.createdAt,
          ...changedColumns(state),
        });
        await contextEm(this.orm).execute(insert.sql, insert.params);
        await this.writeColors(state);
      }),
      { themes_slug_unique: () => new SlugTaken() },
    );
  }

  async update(theme: Theme, loadedVersion: number): Promise<void> {
    const state = theme.toState();
    await translatingUniqueViolations(
      () => atomically(this.orm, async () => {
        const em = contextEm(this.orm);
        // One conditional write: it changes a row only if nobody changed the theme since it was read.
        const write = update('themes', changedColumns(state), { id: state.id, version: loadedVersion });
        const result = await em.execute<QueryResult>(write.sql, write.params, 'run');
        if (result.affectedRows === 0) {
          const [row] = await em.execute<{ version: number }[]>(`select version from themes where id = ?`, [state.id]);
          throw row ? new VersionConflict(row.version) : new NotFound('theme');
        }
        await this.writeColors(state);
      }),
      { themes_slug_unique: () => new SlugTaken() },
    );
  }

  async delete(id: string): Promise<void> {
    await contextEm(this.orm).execute(`delete from themes where id = ?`, [id]);
  }

  async deleteAllOfOwner(ownerId: string): Promise<Theme[]> {
    const em = contextEm(this.orm);
    const rows = await em.find(ThemeSchema, { ownerId });
    await em.execute(`delete from themes where owner_id = ?`, [ownerId]);
    return rows.map(Theme.restore);
  }

  async countInCategory(categoryId: string): Promise<number> {
    const [row] = await contextEm(this.orm).execute<{ count: string }[]>(`select count(*) as count from themes where category_id = ?`, [categoryId]);
    return Number(row?.count ?? 0);
  }

  async adjustFavoriteCounts(themeIds: string[], delta: number): Promise<void> {
    if (!themeIds.length) return;
    // Atomic in the database: concurrent favourites never overwrite each other's count.
    await contextEm(this.orm).execute(
      `update themes set favorite_count = greatest(0, favorite_count + ?) where id = any(${JSON_ARRAY}::uuid[])`,
      [delta, JSON.stringify(themeIds)],
    );
  }

  private async findOne(where: { id: string } | { slug: string }): Promise<Theme | null> {
    const row = await contextEm(this.orm).findOne(ThemeSchema, where);
    return row && Theme.restore(row);
  }

  /** The palette's L*a*b* values, for the colour search in SQL. */
  private async writeColors(theme: Readonly<ThemeState>): Promise<void> {
    const em = contextEm(this.orm);
    await em.execute(`delete from theme_colors where theme_id = ?`, [theme.id]);
    const labs = theme.colors.map((c) => hexToLab(c.hex));
    await em.execute(
      `insert into theme_colors (theme_id, position, l, a, b)
       select ?, (e.ordinality - 1)::smallint, (e.value->>'l')::float8, (e.value->>'a')::float8, (e.value->>'b')::float8
       from jsonb_array_elements(?::jsonb) with ordinality as e`,
      [theme.id, JSON.stringify(labs)],
    );
  }
}

/**
 * The columns a change writes, each beside its value. The favourite count is left out (it changes
 * atomically on its own), and the search and palette columns are derived here so they never fall out of step.
 */
function changedColumns(theme: Readonly<ThemeState>): Columns {
  return {
    slug: theme.slug,
    name: theme.name,
    description: theme.description,
    status: theme.status,
    category_id: theme.categoryId,
    colors: sqlValue('?::jsonb', JSON.stringify(theme.colors)),
    ...paletteColumns(theme),
    tags: sqlValue(JSON_ARRAY, JSON.stringify(theme.tags)),
    version: theme.version,
    updated_at: theme.updatedAt,
    search_words: sqlValue(`array_to_tsvector(${JSON_ARRAY})`, JSON.stringify(themeSearchWords(theme))),
    sort_name: theme.name.toLowerCase(),
  };
}
