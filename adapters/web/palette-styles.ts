import { contrastRatio } from '../../domain/color/contrast.ts';
import { HEX_PATTERN } from '../../domain/themes/color.ts';

/**
 * Colours reach a page as classes of one stylesheet block (the CSP forbids style attributes):
 * `bg-1a2b3c` paints a background, `fg-1a2b3c` a text colour. Only well-formed #rrggbb values
 * become rules, so nothing else can reach the style block.
 */
export function paletteStyles(hexes: Iterable<string>): string {
  let css = '';
  for (const hex of new Set(hexes)) {
    if (!HEX_PATTERN.test(hex)) continue;
    const name = hex.slice(1);
    css += `.bg-${name}{background-color:${hex}}.fg-${name}{color:${hex}}`;
  }
  return css;
}

export const bg = (hex: string) => `bg-${hex.slice(1)}`;
export const fg = (hex: string) => `fg-${hex.slice(1)}`;

/** Black or white, whichever reads better on `hex` (always at least 4.5:1, WCAG AA for text). */
export function inkOn(hex: string): 'ink-dark' | 'ink-light' {
  return contrastRatio(hex, '#000000') >= contrastRatio(hex, '#ffffff') ? 'ink-dark' : 'ink-light';
}
