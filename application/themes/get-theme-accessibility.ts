import { accessibilityReport, type AccessibilityReport } from '../../domain/color/accessibility.ts';
import type { Theme } from '../../domain/themes/theme.ts';
import type { Actor } from '../actor.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { findVisibleTheme } from './theme-access.ts';

export type ThemeAccessibility = { theme: Theme; report: AccessibilityReport };

/**
 * How usable a theme's palette is: WCAG 2.2 contrast of every pair, the role pairs with fixes for those that fall
 * short, and the palette as seen with protanopia, deuteranopia and tritanopia with the pairs they make hard to tell
 * apart. Computed from the palette on request (the summary on the theme is stored; the full report is not).
 */
export class GetThemeAccessibility {
  constructor(private readonly themes: ThemeRepo) {}

  async execute(actor: Actor, idOrSlug: string): Promise<ThemeAccessibility> {
    const theme = await findVisibleTheme(this.themes, actor, idOrSlug);
    return { theme, report: accessibilityReport(theme.colors) };
  }
}
