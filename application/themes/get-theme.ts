import { NotFound } from '../../domain/errors.ts';
import { isVisibleTo } from '../../domain/themes/theme.ts';
import type { Actor } from '../actor.ts';
import type { ThemeCatalog, ThemeView } from '../ports/theme-catalog.ts';
import { themeRef, viewerIdOf, viewerOf } from './theme-access.ts';

export class GetTheme {
  constructor(private readonly catalog: ThemeCatalog) {}

  /** The theme by id or slug, as the actor sees it; a draft of someone else is as good as missing (404). */
  async execute(actor: Actor, idOrSlug: string): Promise<ThemeView> {
    const view = await this.catalog.find(themeRef(idOrSlug), viewerIdOf(actor));
    if (!view || !isVisibleTo(view.theme, viewerOf(actor))) throw new NotFound('theme');
    return view;
  }
}
