import { toAse } from './export/ase.ts';
import { toCss } from './export/css.ts';
import type { ExportSource } from './export/names.ts';
import { toScss } from './export/scss.ts';
import { toSwatchCard } from './export/svg.ts';
import { toGimpPalette, toHexList, toJascPalette } from './export/swatch-files.ts';
import { toTailwindTheme } from './export/tailwind.ts';
import { toDesignTokens2025 } from './export/tokens.ts';

export { toCss, toDesignTokens } from './export/css.ts';
export { cssIdentifier, type ExportSource } from './export/names.ts';

export const EXPORT_FORMATS = ['css', 'json', 'tailwind', 'scss', 'gpl', 'ase', 'pal', 'hex', 'svg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An encoded theme: text or bytes, its extension, the download name `<slug>.<extension>`, and its media type. */
export type ExportFile = { body: string | Uint8Array; extension: string; fileName: string; mediaType: string };
export type ExportOptions = { /** tailwind: add the 50–950 shade scale of each colour. */ shades?: boolean };

type Encoded = Omit<ExportFile, 'fileName'>;

const ENCODERS: Record<ExportFormat, (theme: ExportSource, options: ExportOptions) => Encoded> = {
  css: (t) => ({ body: toCss(t), extension: 'css', mediaType: 'text/css; charset=utf-8' }),
  json: (t) => ({ body: toDesignTokens2025(t), extension: 'tokens.json', mediaType: 'application/design-tokens+json; charset=utf-8' }),
  tailwind: (t, o) => ({ body: toTailwindTheme(t, o), extension: 'tailwind.css', mediaType: 'text/css; charset=utf-8' }),
  scss: (t) => ({ body: toScss(t), extension: 'scss', mediaType: 'text/x-scss; charset=utf-8' }),
  gpl: (t) => ({ body: toGimpPalette(t), extension: 'gpl', mediaType: 'application/x-gimp-palette; charset=utf-8' }),
  ase: (t) => ({ body: toAse(t), extension: 'ase', mediaType: 'application/octet-stream' }),
  pal: (t) => ({ body: toJascPalette(t), extension: 'pal', mediaType: 'text/plain; charset=us-ascii' }),
  hex: (t) => ({ body: toHexList(t), extension: 'hex', mediaType: 'text/plain; charset=us-ascii' }),
  svg: (t) => ({ body: toSwatchCard(t), extension: 'svg', mediaType: 'image/svg+xml; charset=utf-8' }),
};

/** Encodes a theme (name, slug, palette) in one of the export formats. Pure: same theme, same bytes. */
export function encodeTheme(theme: ExportSource & { readonly slug: string }, format: ExportFormat, options: ExportOptions = {}): ExportFile {
  const encoded = ENCODERS[format](theme, options);
  return { ...encoded, fileName: `${theme.slug}.${encoded.extension}` };
}
