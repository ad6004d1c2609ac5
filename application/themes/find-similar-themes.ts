import { z } from 'zod';
import { hexToOklab } from '../../domain/color/spaces.ts';
import type { Actor } from '../actor.ts';
import type { SimilarPalettes } from '../ports/similar-palettes.ts';
import type { ThemeCatalog, ThemeView } from '../ports/theme-catalog.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { parseInput } from '../validation.ts';
import { findVisibleTheme, viewerIdOf } from './theme-access.ts';

export const FindSimilarThemesInput = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export type SimilarTheme = { view: ThemeView; distance: number };

/**
 * Published themes whose palettes look closest to a theme's (the domain's palette distance in OKLab), nearest
 * first, the theme itself left out. The theme must be visible to the caller; drafts are never among the answers.
 */
export class FindSimilarThemes {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly similar: SimilarPalettes,
    private readonly catalog: ThemeCatalog,
  ) {}

  async execute(actor: Actor, idOrSlug: string, raw: unknown): Promise<SimilarTheme[]> {
    const { limit } = parseInput(FindSimilarThemesInput, raw);
    const theme = await findVisibleTheme(this.themes, actor, idOrSlug);
    const matches = await this.similar.nearest(theme.colors.map((c) => hexToOklab(c.hex)), { excluding: theme.id, limit });
    const views = new Map((await this.catalog.findMany(matches.map((m) => m.themeId), viewerIdOf(actor))).map((v) => [v.theme.id, v]));
    // A theme unpublished or deleted between the two reads is left out rather than shown.
    return matches.flatMap((m) => {
      const view = views.get(m.themeId);
      return view?.theme.status === 'published' ? [{ view, distance: m.distance }] : [];
    });
  }
}
