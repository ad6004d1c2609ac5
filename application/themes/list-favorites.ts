import { z } from 'zod';
import { requireUser, type Actor } from '../actor.ts';
import { PageInput, type Cursors, type Page } from '../pagination.ts';
import type { ThemeCatalog, ThemeView } from '../ports/theme-catalog.ts';
import { parseInput } from '../validation.ts';
import { viewerOf } from './theme-access.ts';

export const ListFavoritesInput = z.strictObject(PageInput);
const FavoritePosition = z.strictObject({ at: z.iso.datetime(), t: z.uuid() });

/** The caller's favourites, most recently favourited first; themes they can no longer see are left out. */
export class ListFavorites {
  constructor(
    private readonly catalog: ThemeCatalog,
    private readonly cursors: Cursors,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<Page<ThemeView>> {
    const { userId } = requireUser(actor);
    const input = parseInput(ListFavoritesInput, raw);
    const signature = { favoritesOf: userId };
    const position = input.cursor ? this.cursors.decode(signature, input.cursor, FavoritePosition) : undefined;
    const viewer = { ...viewerOf(actor), userId };
    const page = await this.cursors.page(
      signature,
      input.limit,
      (limit) => this.catalog.favoritesOf(viewer, { after: position && { at: new Date(position.at), themeId: position.t }, limit }),
      (f) => ({ at: f.favoritedAt.toISOString(), t: f.theme.id }),
    );
    return { items: page.items.map(({ favoritedAt: _, ...view }) => view), nextCursor: page.nextCursor };
  }
}
