import { parseHex } from '../../color/spaces.ts';
import { hyphenatedIdentifier, uniqueNamer, type ExportSource } from './names.ts';

/** The `$extensions` key of this API's data (name and role) on each token. */
export const TOKENS_EXTENSION = 'themes-api';

type ColorToken = {
  $value: { colorSpace: 'srgb'; components: [number, number, number]; hex: string };
  $extensions: Record<typeof TOKENS_EXTENSION, { name: string; role: string | null }>;
};

/**
 * Design Tokens Format Module 2025.10: a `color` group of `$type: color` tokens, one per palette colour, valued as
 * sRGB components plus hex, with the colour's own name and role under `$extensions`. Token names are hyphenated
 * identifiers: never `$`-prefixed, free of `{`, `}` and `.`, and still distinct once a tool kebab-cases them.
 * Components keep four decimals, enough to give back the same 8-bit value.
 */
export function toDesignTokens2025(theme: ExportSource): string {
  const unique = uniqueNamer();
  const group: Record<string, ColorToken | 'color'> = { $type: 'color' };
  for (const c of theme.colors) {
    const { r, g, b } = parseHex(c.hex);
    group[unique(hyphenatedIdentifier(c.name))] = {
      $value: { colorSpace: 'srgb', components: [r, g, b].map((v) => Math.round(v * 1e4) / 1e4) as [number, number, number], hex: c.hex },
      $extensions: { [TOKENS_EXTENSION]: { name: c.name, role: c.role } },
    };
  }
  return `${JSON.stringify({ $description: theme.name, color: group }, null, 2)}\n`;
}
