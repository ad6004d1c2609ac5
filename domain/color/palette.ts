import type { ColorRole } from '../themes/color.ts';

/** A palette entry as the colour maths sees it; a theme's stored palette entries fit this shape. */
export type PaletteColor = { readonly name: string; readonly hex: string; readonly role: ColorRole | null };

/** The first colour of the palette holding `role` (a theme gives each role to one colour at most). */
export function colorWithRole<T extends { readonly role: ColorRole | null }>(colors: readonly T[], role: ColorRole): T | undefined {
  return colors.find((c) => c.role === role);
}
