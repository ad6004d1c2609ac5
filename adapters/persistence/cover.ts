import type { CoverRef, ImageRefData } from '../../application/ports/theme-catalog.ts';
import { swatchCardSize, type ExportSource } from '../../domain/themes/export.ts';

/** A theme's cover as both catalogues show it: its cover image, or else its swatch card. */
export function coverOf(theme: ExportSource & { id: string }, image: ImageRefData | null): CoverRef {
  return image ? { kind: 'image', ...image } : { kind: 'preview', themeId: theme.id, ...swatchCardSize(theme) };
}
