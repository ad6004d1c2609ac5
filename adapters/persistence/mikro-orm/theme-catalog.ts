import type { CatalogQuery, FavoritePosition, FavoriteView, ThemeCatalog, ThemeOrder, ThemeView } from '../../../application/ports/theme-catalog.ts';
import { levelsReaching } from '../../../domain/color/contrast.ts';
import type { Color } from '../../../domain/themes/color.ts';
import type { ThemeState, ThemeStatus, Viewer } from '../../../domain/themes/theme.ts';
import { coverOf } from '../cover.ts';
import { contextEm, isUuid, type Orm } from './orm.ts';

/** ORDER BY and "after this row" for each order; the memory adapter's comparators mirror them. */
const ORDER: Record<ThemeOrder, { orderBy: string; after: string; key: (k: NonNullable<CatalogQuery['after']>) => unknown[] }> = {
  newest: { orderBy: 't.created_at desc, t.id desc', after: '(t.created_at, t.id) < (?, ?)', key: (k) => [k.createdAt, k.id] },
  oldest: { orderBy: 't.created_at asc, t.id asc', after: '(t.created_at, t.id) > (?, ?)', key: (k) => [k.createdAt, k.id] },
  name: { orderBy: 't.sort_name asc, t.id asc', after: '(t.sort_name, t.id) > (?, ?)', key: (k) => [k.name.toLowerCase(), k.id] },
  mostFavorited: {
    orderBy: 't.favorite_count desc, t.created_at desc, t.id desc',
    after: '(t.favorite_count, t.created_at, t.id) < (?, ?, ?)',
    key: (k) => [k.favoriteCount, k.createdAt, k.id],
  },
};

/** A uuid[] from a JSON array parameter. */
const UUID_ARRAY = 'array(select jsonb_array_elements_text(?::jsonb))::uuid[]';

/** Everything a view shows, joined in: owner, category, cover and image count, and the viewer's flag as the first parameter. */
const VIEW_COLUMNS = `
  t.id, t.owner_id, t.slug, t.name, t.description, t.status, t.category_id, t.colors, t.accessibility, t.tags, t.favorite_count,
  t.version, t.created_at, t.updated_at,
  u.username as owner_username, u.display_name as owner_display_name,
  c.slug as category_slug, c.name as category_name,
  cv.id as cover_id, cv.width as cover_width, cv.height as cover_height,
  (select count(*) from images i where i.theme_id = t.id)::int as image_count`;
const VIEW_JOINS = `
  join users u on u.id = t.owner_id
  left join categories c on c.id = t.category_id
  left join images cv on cv.theme_id = t.id and cv.kind = 'cover'`;

type ViewRow = {
  id: string;
  owner_id: string;
  slug: string;
  name: string;
  description: string;
  status: ThemeStatus;
  category_id: string | null;
  colors: Color[];
  accessibility: ThemeState['accessibility'];
  tags: string[];
  favorite_count: number;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  owner_username: string;
  owner_display_name: string;
  category_slug: string | null;
  category_name: string | null;
  cover_id: string | null;
  cover_width: number | null;
  cover_height: number | null;
  image_count: number;
  favorited: boolean;
};

/** The read model in PostgreSQL: every page or detail is one statement, however many themes it shows. */
export class PostgresThemeCatalog implements ThemeCatalog {
  constructor(private readonly orm: Orm) {}

  async search(query: CatalogQuery): Promise<ThemeView[]> {
    const params: unknown[] = [];
    const favorited = this.favoritedColumn(query.viewerId, params);
    const where: string[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (query.draftsOf !== undefined) add(`(t.status = 'published' or t.owner_id = ?)`, query.draftsOf);
    else add(`t.status = 'published'`);
    if (query.ownerId !== undefined) add('t.owner_id = ?', query.ownerId);
    if (query.ownerUsername !== undefined) add('t.owner_id = (select id from users where username = ?)', query.ownerUsername);
    if (query.categorySlug !== undefined) add('t.category_id = (select id from categories where slug = ?)', query.categorySlug);
    if (query.tag !== undefined) add('t.tags @> array[?]::text[]', query.tag);
    // Words are letters and digits only (wordsOf), so quoting them as tsquery lexemes is safe.
    if (query.words.length) add('t.search_words @@ ?::tsquery', query.words.map((w) => `'${w}':*`).join(' & '));
    if (query.near) {
      const { l, a, b } = query.near.color;
      const d = query.near.distance;
      // A box of ±ΔE around the colour (the index), then the exact distance.
      add(
        `t.id in (select c.theme_id from theme_colors c
                  where c.l between ? and ? and c.a between ? and ? and c.b between ? and ?
                    and (c.l - ?) * (c.l - ?) + (c.a - ?) * (c.a - ?) + (c.b - ?) * (c.b - ?) <= ?)`,
        ...[l - d, l + d, a - d, a + d, b - d, b + d, l, l, a, a, b, b, d * d],
      );
    }
    // Stored columns generated from the palette and its summary (migration 0010), each indexed for the default order.
    if (query.minimumLevel !== undefined) {
      const levels = levelsReaching(query.minimumLevel);
      add(`t.accessibility_level in (${levels.map(() => '?').join(', ')})`, ...levels);
    }
    if (query.cvdSafe !== undefined) add('t.cvd_safe = ?', query.cvdSafe);
    if (query.colorCount !== undefined) add('t.color_count = ?', query.colorCount);
    const order = ORDER[query.order];
    if (query.after) add(order.after, ...order.key(query.after));
    params.push(query.limit);
    const rows = await this.rows(`select ${VIEW_COLUMNS}, ${favorited} as favorited from themes t ${VIEW_JOINS} where ${where.join(' and ')} order by ${order.orderBy} limit ?`, params);
    return rows.map(toView);
  }

  async find(ref: { id: string } | { slug: string }, viewerId?: string): Promise<ThemeView | null> {
    if ('id' in ref && !isUuid(ref.id)) return null;
    const params: unknown[] = [];
    const favorited = this.favoritedColumn(viewerId, params);
    params.push('id' in ref ? ref.id : ref.slug);
    const [row] = await this.rows(`select ${VIEW_COLUMNS}, ${favorited} as favorited from themes t ${VIEW_JOINS} where t.${'id' in ref ? 'id' : 'slug'} = ?`, params);
    return row ? toView(row) : null;
  }

  async findMany(ids: readonly string[], viewerId?: string): Promise<ThemeView[]> {
    const wanted = ids.filter(isUuid);
    if (!wanted.length) return [];
    const params: unknown[] = [];
    const favorited = this.favoritedColumn(viewerId, params);
    params.push(JSON.stringify(wanted));
    const rows = await this.rows(`select ${VIEW_COLUMNS}, ${favorited} as favorited from themes t ${VIEW_JOINS} where t.id = any(${UUID_ARRAY})`, params);
    const byId = new Map(rows.map((row) => [row.id, toView(row)]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  async favoritesOf(viewer: Viewer & { userId: string }, page: { after?: FavoritePosition | undefined; limit: number }): Promise<FavoriteView[]> {
    const params: unknown[] = [viewer.userId, viewer.userId, viewer.moderates];
    let after = '';
    if (page.after) {
      after = 'and (f.created_at, f.theme_id) < (?, ?)';
      params.push(page.after.at, page.after.themeId);
    }
    params.push(page.limit);
    const rows = await this.rows<ViewRow & { favorited_at: Date | string }>(
      `select ${VIEW_COLUMNS}, true as favorited, f.created_at as favorited_at
       from favorites f join themes t on t.id = f.theme_id ${VIEW_JOINS}
       where f.user_id = ? and (t.status = 'published' or t.owner_id = ? or ?::boolean) ${after}
       order by f.created_at desc, f.theme_id desc limit ?`,
      params,
    );
    return rows.map((row) => ({ ...toView(row), favoritedAt: new Date(row.favorited_at) }));
  }

  async favoritedAmong(userId: string, themeIds: readonly string[]): Promise<Set<string>> {
    if (!themeIds.length) return new Set();
    const rows = await this.rows<{ theme_id: string }>(`select theme_id from favorites where user_id = ? and theme_id = any(${UUID_ARRAY})`, [
      userId,
      JSON.stringify(themeIds),
    ]);
    return new Set(rows.map((r) => r.theme_id));
  }

  private favoritedColumn(viewerId: string | undefined, params: unknown[]): string {
    if (viewerId === undefined) return 'false';
    params.push(viewerId);
    return 'exists(select 1 from favorites f where f.user_id = ? and f.theme_id = t.id)';
  }

  private rows<R = ViewRow>(sql: string, params: unknown[]): Promise<R[]> {
    return contextEm(this.orm).execute<R[]>(sql, params);
  }
}

function toView(row: ViewRow): ThemeView {
  const theme: ThemeState = {
    id: row.id,
    ownerId: row.owner_id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    status: row.status,
    categoryId: row.category_id,
    colors: row.colors,
    accessibility: row.accessibility,
    tags: row.tags,
    favoriteCount: row.favorite_count,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
  return {
    theme,
    owner: { id: row.owner_id, username: row.owner_username, displayName: row.owner_display_name },
    category: row.category_id ? { id: row.category_id, slug: row.category_slug!, name: row.category_name! } : null,
    cover: coverOf(theme, row.cover_id ? { id: row.cover_id, width: row.cover_width!, height: row.cover_height! } : null),
    imageCount: row.image_count,
    favorited: row.favorited,
  };
}
