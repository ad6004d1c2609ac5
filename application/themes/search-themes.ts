import { z } from 'zod';
import { hexToLab, SIMILAR_COLOR_DISTANCE } from '../../domain/themes/color.ts';
import { PASSING_LEVELS } from '../../domain/color/contrast.ts';
import { MAX_COLORS, MIN_COLORS, TAG_MAX } from '../../domain/themes/theme.ts';
import { wordsOf } from '../../domain/themes/words.ts';
import { requireUser, type Actor } from '../actor.ts';
import { PageInput, type Cursors, type Page } from '../pagination.ts';
import type { CatalogQuery, ThemeCatalog, ThemeKey, ThemeOrder, ThemeView } from '../ports/theme-catalog.ts';
import { parseInput, text } from '../validation.ts';
import { hexField } from './theme-input.ts';
import { viewerIdOf } from './theme-access.ts';

/** The `sort` values of the query string (API.md), and the order each names. */
const ORDER_BY_SORT = { '-createdAt': 'newest', createdAt: 'oldest', name: 'name', '-favorites': 'mostFavorited' } as const satisfies Record<string, ThemeOrder>;
type Sort = keyof typeof ORDER_BY_SORT;

export const SearchThemesInput = z.strictObject({
  q: text().max(200).optional().meta({ description: 'words matched against name, description and tags (every word must match the start of a word)' }),
  category: text().toLowerCase().max(64).optional().meta({ description: 'category slug' }),
  tag: text().trim().toLowerCase().max(TAG_MAX).optional(),
  owner: text()
    .max(32)
    .transform((owner) => (owner === 'me' ? ({ me: true } as const) : { username: owner.toLowerCase() }))
    .optional()
    .meta({ description: 'username, or `me` (with a token) to include the caller’s drafts' }),
  color: hexField.optional().meta({ description: `themes with a palette colour within CIE76 ΔE ${SIMILAR_COLOR_DISTANCE} of this #rrggbb` }),
  accessible: z.enum(PASSING_LEVELS).optional().meta({ description: 'themes whose text on background reaches this WCAG level for normal text (`AAA` reaches `AA` too)' }),
  cvdSafe: z
    .enum(['true', 'false'])
    .transform((safe) => safe === 'true')
    .optional()
    .meta({ description: 'themes whose colours stay distinct (`true`) or not (`false`) under protanopia, deuteranopia and tritanopia' }),
  colors: z.coerce.number().int().min(MIN_COLORS).max(MAX_COLORS).optional().meta({ description: 'themes with exactly this many palette colours' }),
  sort: z.enum(Object.keys(ORDER_BY_SORT) as Sort[]).default('-createdAt'),
  ...PageInput,
});

export const ThemePosition = z.strictObject({ c: z.iso.datetime(), n: text(), f: z.int(), i: z.uuid() });
const MAX_WORDS = 8;

export function themePosition(theme: ThemeKey): z.infer<typeof ThemePosition> {
  return { c: theme.createdAt.toISOString(), n: theme.name, f: theme.favoriteCount, i: theme.id };
}

/** A search parsed and normalised, ready to run. */
export type ThemeSearch = {
  /**
   * The normalised query, position and page size: two searches with the same key get the same page
   * (favourite flags aside), whatever the spelling of their query strings. What caches key on.
   */
  readonly key: string;
  /** Whether every reader gets the same page, favourite flags aside: false for `owner=me`, which lists the caller's drafts. */
  readonly shared: boolean;
  readonly query: Omit<CatalogQuery, 'viewerId' | 'limit'>;
  readonly signature: unknown;
  readonly limit: number;
};

export class SearchThemes {
  constructor(
    private readonly catalog: ThemeCatalog,
    private readonly cursors: Cursors,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<Page<ThemeView>> {
    return this.run(actor, this.prepare(actor, raw));
  }

  /** Validates and normalises the input and opens its cursor; throws what `execute` would for bad input. */
  prepare(actor: Actor, raw: unknown): ThemeSearch {
    const input = parseInput(SearchThemesInput, raw);
    const words = wordsOf(input.q ?? '').slice(0, MAX_WORDS);
    const mine = input.owner && 'me' in input.owner ? requireUser(actor).userId : undefined;
    const username = input.owner && 'username' in input.owner ? input.owner.username : undefined;
    // What the cursor is bound to: the normalised query, never the page size.
    const signature = {
      words,
      category: input.category,
      tag: input.tag,
      owner: mine ? `me:${mine}` : username,
      color: input.color,
      accessible: input.accessible,
      cvdSafe: input.cvdSafe,
      colors: input.colors,
      sort: input.sort,
    };
    const position = input.cursor ? this.cursors.decode(signature, input.cursor, ThemePosition) : undefined;
    const query: ThemeSearch['query'] = {
      words,
      categorySlug: input.category,
      tag: input.tag,
      ownerUsername: username,
      ownerId: mine,
      draftsOf: mine,
      near: input.color ? { color: hexToLab(input.color), distance: SIMILAR_COLOR_DISTANCE } : undefined,
      minimumLevel: input.accessible,
      cvdSafe: input.cvdSafe,
      colorCount: input.colors,
      order: ORDER_BY_SORT[input.sort],
      after: position && { createdAt: new Date(position.c), name: position.n, favoriteCount: position.f, id: position.i },
    };
    return { key: JSON.stringify([signature, position ?? null, input.limit]), shared: mine === undefined, query, signature, limit: input.limit };
  }

  /** One page of views; the actor's favourite flags are in them. */
  run(actor: Actor, search: ThemeSearch): Promise<Page<ThemeView>> {
    const viewerId = viewerIdOf(actor);
    return this.cursors.page(search.signature, search.limit, (limit) => this.catalog.search({ ...search.query, viewerId, limit }), (view) => themePosition(view.theme));
  }
}
