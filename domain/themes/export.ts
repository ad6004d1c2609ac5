import { toAse } from './export/ase.ts';
import { toCss } from './export/css.ts';
import type { ExportSource } from './export/names.ts';
import { toScss } from './export/scss.ts';
import { toSwatchCard } from './export/svg.ts';
import { toGimpPalette, toHexList, toJascPalette } from './export/swatch-files.ts';
import { toTailwindTheme } from './export/tailwind.ts';
import { toDesignTokens2025 } from './export/tokens.ts';

export { toCss } from './export/css.ts';
export { SWATCH_CARD_WIDTH, swatchCardSize } from './export/svg.ts';
export { cssIdentifier, type ExportSource } from './export/names.ts';

export const EXPORT_FORMATS = ['css', 'json', 'tailwind', 'scss', 'gpl', 'ase', 'pal', 'hex', 'svg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An encoded theme: text or bytes, its extension, the download name `<slug>.<extension>`, and its media type. */
export type ExportFile = { body: string | Uint8Array; extension: string; fileName: string; mediaType: string };
export type ExportOptions = { /** tailwind: add the 50–950 shade scale of each colour. */ shades?: boolean };

/** What each format's file is, whatever the theme: its extension and media type. */
export const EXPORT_FILE_TYPES: Record<ExportFormat, { extension: string; mediaType: string }> = {
  css: { extension: 'css', mediaType: 'text/css; charset=utf-8' },
  json: { extension: 'tokens.json', mediaType: 'application/design-tokens+json; charset=utf-8' },
  tailwind: { extension: 'tailwind.css', mediaType: 'text/css; charset=utf-8' },
  scss: { extension: 'scss', mediaType: 'text/x-scss; charset=utf-8' },
  gpl: { extension: 'gpl', mediaType: 'application/x-gimp-palette; charset=utf-8' },
  ase: { extension: 'ase', mediaType: 'application/octet-stream' },
  pal: { extension: 'pal', mediaType: 'text/plain; charset=us-ascii' },
  hex: { extension: 'hex', mediaType: 'text/plain; charset=us-ascii' },
  svg: { extension: 'svg', mediaType: 'image/svg+xml; charset=utf-8' },
};

const ENCODERS: Record<ExportFormat, (theme: ExportSource, options: ExportOptions) => string | Uint8Array> = {
  css: (t) => toCss(t),
  json: (t) => toDesignTokens2025(t),
  tailwind: (t, o) => toTailwindTheme(t, o),
  scss: (t) => toScss(t),
  gpl: (t) => toGimpPalette(t),
  ase: (t) => toAse(t),
  pal: (t) => toJascPalette(t),
  hex: (t) => toHexList(t),
  svg: (t) => toSwatchCard(t),
};

/** Encodes a theme (name, slug, palette) in one of the export formats. Pure: same theme, same bytes. */
export function encodeTheme(theme: ExportSource & { readonly slug: string }, format: ExportFormat, options: ExportOptions = {}): ExportFile {
  const type = EXPORT_FILE_TYPES[format];
  return { body: ENCODERS[format](theme, options), ...type, fileName: `${theme.slug}.${type.extension}` };
}
