import { z } from 'zod';
import { requireUser, type Actor } from '../actor.ts';
import { PageInput, type Cursors, type Page } from '../pagination.ts';
import type { FavoriteRepo } from '../ports/favorite-repo.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { parseInput } from '../validation.ts';
import { viewerOf } from './theme-access.ts';
import type { ThemeView, ThemeViews } from './theme-views.ts';

export const ListFavoritesInput = z.strictObject(PageInput);
const FavoritePosition = z.strictObject({ at: z.iso.datetime(), t: z.uuid() });

/** The caller's favourites, most recently favourited first; themes they can no longer see are left out. */
export class ListFavorites {
  constructor(
    private readonly favorites: FavoriteRepo,
    private readonly themes: ThemeRepo,
    private readonly views: ThemeViews,
    private readonly cursors: Cursors,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<Page<ThemeView>> {
    const { userId } = requireUser(actor);
    const input = parseInput(ListFavoritesInput, raw);
    const signature = { favoritesOf: userId };
    const position = input.cursor ? this.cursors.decode(signature, input.cursor, FavoritePosition) : undefined;
    const page = await this.cursors.page(
      signature,
      input.limit,
      (limit) => this.favorites.listOf(userId, { after: position && { at: new Date(position.at), themeId: position.t }, limit }),
      (f) => ({ at: f.at.toISOString(), t: f.themeId }),
    );
    const byId = new Map((await this.themes.findManyByIds(page.items.map((f) => f.themeId))).map((t) => [t.id, t]));
    const viewer = viewerOf(actor);
    const themes = page.items.flatMap((f) => {
      const theme = byId.get(f.themeId);
      return theme?.isVisibleTo(viewer) ? [theme] : [];
    });
    return { items: await this.views.of(themes, actor), nextCursor: page.nextCursor };
  }
}
