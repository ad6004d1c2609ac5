import { z } from 'zod';
import type { Actor } from '../actor.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { parseInput } from '../validation.ts';
import { findVisibleTheme } from './theme-access.ts';
import { THEME_FILE_FORMATS, type ThemeFile, type ThemeFiles } from './theme-files.ts';

/** A query-string boolean: `true` or `false`. */
export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ExportThemeInput = z
  .strictObject({
    format: z.enum(THEME_FILE_FORMATS).default('css').meta({
      description:
        '`css` custom properties, `json` W3C Design Tokens (2025.10), `tailwind` v4 `@theme`, `scss`, `gpl` (GIMP), `ase` (Adobe Swatch Exchange), `pal` (JASC), `hex` (one per line), `svg` or `png` (the swatch card)',
    }),
    shades: booleanQuery.default(false).meta({ description: 'with `format=tailwind`: also the 50–950 scale of each colour, generated in OKLCH' }),
  })
  .refine((input) => !input.shades || input.format === 'tailwind', { path: ['shades'], message: 'applies to format=tailwind only' });

/** A theme's palette as a file, for whoever may see the theme. */
export class ExportTheme {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly files: ThemeFiles,
  ) {}

  async execute(actor: Actor, idOrSlug: string, raw: unknown): Promise<ThemeFile> {
    const { format, shades } = parseInput(ExportThemeInput, raw);
    const theme = await findVisibleTheme(this.themes, actor, idOrSlug);
    return this.files.encode(theme, format, { shades });
  }
}
