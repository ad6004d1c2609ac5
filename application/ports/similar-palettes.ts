import type { OkLab } from '../../domain/color/spaces.ts';

export type PaletteMatch = { themeId: string; distance: number };

/** A query port: published themes ranked by how close their palettes are to a given one. */
export interface SimilarPalettes {
  /**
   * The `limit` published themes whose palettes are nearest to `palette` by the domain's paletteDistance (each
   * theme's colours in OKLab), nearest first, equal distances by theme id; the theme `excluding` is left out.
   */
  nearest(palette: readonly OkLab[], options: { excluding: string; limit: number }): Promise<PaletteMatch[]>;
}
