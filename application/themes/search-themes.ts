import { z } from 'zod';
import { hexToLab, SIMILAR_COLOR_DISTANCE } from '../../domain/themes/color.ts';
import { TAG_MAX } from '../../domain/themes/theme.ts';
import { wordsOf } from '../../domain/themes/words.ts';
import { requireUser, type Actor } from '../actor.ts';
import { PageInput, type Cursors, type Page } from '../pagination.ts';
import type { CategoryRepo } from '../ports/category-repo.ts';
import type { ThemeKey, ThemeOrder, ThemeQuery, ThemeRepo } from '../ports/theme-repo.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { parseInput, text } from '../validation.ts';
import { hexField } from './theme-input.ts';
import type { ThemeView, ThemeViews } from './theme-views.ts';

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
  sort: z.enum(Object.keys(ORDER_BY_SORT) as Sort[]).default('-createdAt'),
  ...PageInput,
});

export const ThemePosition = z.strictObject({ c: z.iso.datetime(), n: text(), f: z.int(), i: z.uuid() });
const MAX_WORDS = 8;

export function themePosition(theme: ThemeKey): z.infer<typeof ThemePosition> {
  return { c: theme.createdAt.toISOString(), n: theme.name, f: theme.favoriteCount, i: theme.id };
}

export class SearchThemes {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly categories: CategoryRepo,
    private readonly users: UserRepo,
    private readonly views: ThemeViews,
    private readonly cursors: Cursors,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<Page<ThemeView>> {
    const input = parseInput(SearchThemesInput, raw);
    const words = wordsOf(input.q ?? '').slice(0, MAX_WORDS);
    // What the cursor is bound to: the normalised query, never the page size.
    const owner = input.owner && ('me' in input.owner ? `me:${requireUser(actor).userId}` : input.owner.username);
    const signature = { words, category: input.category, tag: input.tag, owner, color: input.color, sort: input.sort };
    const position = input.cursor ? this.cursors.decode(signature, input.cursor, ThemePosition) : undefined;

    const filters = await this.resolve(actor, input);
    if (!filters) return { items: [], nextCursor: null };
    const query: Omit<ThemeQuery, 'limit'> = {
      words,
      ...filters,
      tag: input.tag,
      near: input.color ? { color: hexToLab(input.color), distance: SIMILAR_COLOR_DISTANCE } : undefined,
      order: ORDER_BY_SORT[input.sort],
      after: position && { createdAt: new Date(position.c), name: position.n, favoriteCount: position.f, id: position.i },
    };
    const page = await this.cursors.page(signature, input.limit, (limit) => this.themes.search({ ...query, limit }), themePosition);
    return { items: await this.views.of(page.items, actor), nextCursor: page.nextCursor };
  }

  /** Slugs and usernames to ids; null when one names nothing, so nothing can match. */
  private async resolve(actor: Actor, input: z.infer<typeof SearchThemesInput>): Promise<Pick<ThemeQuery, 'categoryId' | 'ownerId' | 'draftsOf'> | null> {
    let categoryId: string | undefined;
    if (input.category !== undefined) {
      const category = await this.categories.findBySlug(input.category);
      if (!category) return null;
      categoryId = category.id;
    }
    if (input.owner && 'me' in input.owner) {
      const { userId } = requireUser(actor);
      return { categoryId, ownerId: userId, draftsOf: userId };
    }
    if (input.owner) {
      const owner = await this.users.findByUsername(input.owner.username);
      if (!owner) return null;
      return { categoryId, ownerId: owner.id };
    }
    return { categoryId };
  }
}
