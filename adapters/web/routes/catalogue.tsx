import { ListCategories } from '../../../application/categories/list-categories.ts';
import type { Page } from '../../../application/pagination.ts';
import { SearchThemes } from '../../../application/themes/search-themes.ts';
import type { ThemeView } from '../../../application/ports/theme-catalog.ts';
import { InvalidCursor, ValidationFailed } from '../../../domain/errors.ts';
import { describeValidation } from '../errors.tsx';
import { queryString } from '../format.ts';
import { paletteStyles } from '../palette-styles.ts';
import { Catalogue, QUICK_COLORS, SORTS, type CatalogueFilters } from '../views/catalogue.tsx';
import { field, fields, type Web } from '../web.ts';

/** A page of the grid: 24 cards fill rows of 2, 3, 4 and 6 columns alike. */
export const CATALOGUE_PAGE_SIZE = 24;
const DEFAULT_SORT = SORTS[0].value;

/**
 * The filters of the catalogue's URL. The form's colour picker always sends a value, so it counts
 * only with its "Near" box ticked (`bycolor=1&pick=…`); links carry `color=` itself.
 */
export function catalogueFilters(query: unknown): CatalogueFilters {
  const set = fields(query, ['q', 'category', 'tag', 'owner', 'color', 'accessible', 'cvdSafe', 'colors']);
  const sort = field(query, 'sort');
  const picked = field(query, 'bycolor') === '1' ? field(query, 'pick') : undefined;
  return {
    ...set,
    color: set.color ?? picked,
    sort: SORTS.some((s) => s.value === sort) ? sort! : DEFAULT_SORT,
  };
}

export function catalogueLink(filters: CatalogueFilters, extra: Record<string, string | undefined> = {}): string {
  const { q, category, tag, owner, color, accessible, cvdSafe, colors, sort } = filters;
  return `/${queryString({ q, category, tag, owner, color, accessible, cvdSafe, colors, sort: sort === DEFAULT_SORT ? undefined : sort, ...extra })}`;
}

export function catalogueRoutes(web: Web): void {
  web.get('/', async (req, res, state) => {
    const filters = catalogueFilters(req.query);
    const cursor = field(req.query, 'cursor');
    const [categories, search] = await Promise.all([
      web.use(ListCategories).execute(),
      web
        .use(SearchThemes)
        .execute(state.actor, { ...filters, limit: CATALOGUE_PAGE_SIZE, ...(cursor ? { cursor } : {}) })
        .then((page): Page<ThemeView> & { problem?: string } => page)
        .catch((error: unknown) => {
          // A bad filter keeps the page, with the form filled in and the reason above an empty grid.
          if (error instanceof ValidationFailed) return { items: [], nextCursor: null, problem: describeValidation(error) };
          if (error instanceof InvalidCursor) return { items: [], nextCursor: null, problem: 'This page link is broken or belongs to another search.' };
          throw error;
        }),
    ]);
    const hexes = [...search.items.flatMap((v) => v.theme.colors.map((c) => c.hex)), ...QUICK_COLORS.map((c) => c.hex), ...(filters.color ? [filters.color] : [])];
    web.send(
      req,
      res,
      search.problem ? 422 : 200,
      <Catalogue
        state={state}
        assets={web.assets}
        paletteCss={paletteStyles(hexes)}
        filters={filters}
        categories={categories}
        views={search.items}
        first={cursor ? catalogueLink(filters) : undefined}
        next={search.nextCursor ? catalogueLink(filters, { cursor: search.nextCursor }) : undefined}
        problem={search.problem}
        link={(changes) => catalogueLink({ ...filters, ...changes })}
      />,
    );
  });
}
