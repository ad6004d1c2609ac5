import { encodeTheme, EXPORT_FILE_TYPES, EXPORT_FORMATS, SWATCH_CARD_WIDTH, type ExportFile, type ExportOptions } from '../../domain/themes/export.ts';
import type { Theme } from '../../domain/themes/theme.ts';
import type { ImageProcessor } from '../ports/image-processor.ts';
import type { RenderedCache } from '../ports/rendered-cache.ts';

/** Every file a theme can be downloaded as: the domain's encoders, and the swatch card rendered as PNG. */
export const THEME_FILE_FORMATS = [...EXPORT_FORMATS, 'png'] as const;
export type ThemeFileFormat = (typeof THEME_FILE_FORMATS)[number];
export const THEME_FILE_TYPES: Record<ThemeFileFormat, { extension: string; mediaType: string }> = {
  ...EXPORT_FILE_TYPES,
  png: { extension: 'png', mediaType: 'image/png' },
};

/** A theme's file and what identifies its content: it changes only with the theme's version. */
export type ThemeFile = { file: ExportFile; themeId: string; version: number; published: boolean };

/** The swatch card's PNG widths: as drawn, and the thumbnail (the width of uploaded images' thumbnails). */
export const CARD_WIDTHS = { full: SWATCH_CARD_WIDTH, thumbnail: 480 } as const;
export type CardSize = keyof typeof CARD_WIDTHS;

/**
 * Encodes themes; PNGs are rasterised from the SVG card by the ImageProcessor and kept in the RenderedCache under
 * the theme's id, version and width, so a theme is rendered once per version, also when many ask at once.
 */
export class ThemeFiles {
  private readonly rendering = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly processor: ImageProcessor,
    private readonly cache: RenderedCache,
  ) {}

  async encode(theme: Theme, format: ThemeFileFormat, options: ExportOptions & { size?: CardSize } = {}): Promise<ThemeFile> {
    const file =
      format === 'png'
        ? { body: await this.png(theme, CARD_WIDTHS[options.size ?? 'full']), ...THEME_FILE_TYPES.png, fileName: `${theme.slug}.${THEME_FILE_TYPES.png.extension}` }
        : encodeTheme(theme, format, options);
    return { file, themeId: theme.id, version: theme.version, published: theme.status === 'published' };
  }

  private async png(theme: Theme, width: number): Promise<Uint8Array> {
    const key = `swatch-card/${theme.id}/${theme.version}/${width}`;
    const cached = await this.cache.get(key);
    if (cached) return cached;
    let render = this.rendering.get(key);
    if (!render) {
      render = this.processor.renderPng(encodeTheme(theme, 'svg').body as string, width).then(async (png) => {
        await this.cache.set(key, png);
        return png;
      });
      this.rendering.set(key, render);
      void render.finally(() => this.rendering.delete(key)).catch(() => undefined);
    }
    return render;
  }
}
