import type { Actor } from '../actor.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { findVisibleTheme } from './theme-access.ts';
import type { ThemeView, ThemeViews } from './theme-views.ts';

export class GetTheme {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly views: ThemeViews,
  ) {}

  async execute(actor: Actor, idOrSlug: string): Promise<ThemeView> {
    return this.views.one(await findVisibleTheme(this.themes, actor, idOrSlug), actor);
  }
}
