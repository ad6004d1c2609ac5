import { z } from 'zod';
import type { Actor } from '../actor.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { parseInput } from '../validation.ts';
import { findVisibleTheme } from './theme-access.ts';
import { CARD_WIDTHS, type CardSize, type ThemeFile, type ThemeFiles } from './theme-files.ts';

export const PreviewThemeInput = z.strictObject({
  size: z
    .enum(Object.keys(CARD_WIDTHS) as CardSize[])
    .default('full')
    .meta({ description: `PNG only: \`full\` (${CARD_WIDTHS.full} px wide) or \`thumbnail\` (${CARD_WIDTHS.thumbnail} px)` }),
});

/** The swatch card of a theme (each colour with its name, hex and role, and contrast badges), as SVG or PNG. */
export class PreviewTheme {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly files: ThemeFiles,
  ) {}

  async execute(actor: Actor, idOrSlug: string, format: 'svg' | 'png', raw: unknown): Promise<ThemeFile> {
    const { size } = parseInput(PreviewThemeInput, raw);
    const theme = await findVisibleTheme(this.themes, actor, idOrSlug);
    return this.files.encode(theme, format, { size });
  }
}
