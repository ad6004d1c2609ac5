import type { PaletteMatch, SimilarPalettes } from '../../../application/ports/similar-palettes.ts';
import { hexToOklab, type OkLab } from '../../../domain/color/spaces.ts';
import { rankPalettes } from '../palette-ranking.ts';
import type { MemoryDatabase } from './memory-database.ts';

/** Ranks every published theme: the memory profile holds demo-sized catalogues. */
export class InMemorySimilarPalettes implements SimilarPalettes {
  constructor(private readonly db: MemoryDatabase) {}

  async nearest(palette: readonly OkLab[], { excluding, limit }: { excluding: string; limit: number }): Promise<PaletteMatch[]> {
    const candidates = this.db.tables.themes
      .filter((t) => t.status === 'published' && t.id !== excluding)
      .map((t) => ({ id: t.id, palette: t.colors.map((c) => hexToOklab(c.hex)) }));
    return rankPalettes(palette, candidates, limit);
  }
}
