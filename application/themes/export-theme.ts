import { z } from 'zod';
import { toCss, toDesignTokens } from '../../domain/themes/export.ts';
import type { Actor } from '../actor.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { parseInput } from '../validation.ts';
import { findVisibleTheme } from './theme-access.ts';

export const ExportThemeInput = z.strictObject({ format: z.enum(['css', 'json']).default('css') });

export type ThemeExport = { format: 'css' | 'json'; fileName: string; body: string };

export class ExportTheme {
  constructor(private readonly themes: ThemeRepo) {}

  async execute(actor: Actor, idOrSlug: string, raw: unknown): Promise<ThemeExport> {
    const { format } = parseInput(ExportThemeInput, raw);
    const theme = await findVisibleTheme(this.themes, actor, idOrSlug);
    return format === 'css'
      ? { format, fileName: `${theme.slug}.css`, body: toCss(theme) }
      : { format, fileName: `${theme.slug}.tokens.json`, body: JSON.stringify(toDesignTokens(theme), null, 2) };
  }
}
