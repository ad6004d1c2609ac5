import type { PaletteMatch, SimilarPalettes } from '../../../application/ports/similar-palettes.ts';
import type { OkLab } from '../../../domain/color/spaces.ts';
import { rankPalettes } from '../palette-ranking.ts';
import { contextEm, type Orm } from './orm.ts';
import { fromPaletteOklab } from './palette-columns.ts';

/**
 * Ranks every published theme exactly, reading from PostgreSQL only their ids and versions. Each theme's palette
 * in OKLab (`palette_oklab`, written with the theme) is kept here by id once read, with its version: a version
 * names one palette for good, so what is kept is never stale, and only themes new or changed since the last
 * request are read again. Themes no longer published drop out.
 *
 * Why not prune in SQL: most palettes share near-white and near-black colours, so a prefilter that keeps every
 * theme with a colour near the query's (the only one that can never drop a true neighbour) kept 70–97% of
 * 10,000 theme-like palettes, and reading their palettes cost four times as much as ranking them here.
 */
export class MikroOrmSimilarPalettes implements SimilarPalettes {
  private readonly palettes = new Map<string, { version: number; palette: OkLab[] }>();

  constructor(private readonly orm: Orm) {}

  async nearest(palette: readonly OkLab[], { excluding, limit }: { excluding: string; limit: number }): Promise<PaletteMatch[]> {
    const em = contextEm(this.orm);
    const published = await em.execute<{ id: string; version: number }[]>(`select id, version from themes where status = 'published' and id <> ?`, [
      excluding,
    ]);
    const unread = published.filter((t) => this.palettes.get(t.id)?.version !== t.version).map((t) => t.id);
    if (unread.length) {
      const rows = await em.execute<{ id: string; version: number; palette_oklab: number[] }[]>(
        `select id, version, palette_oklab from themes where id = any(?::uuid[])`,
        [`{${unread.join(',')}}`],
      );
      for (const row of rows) this.palettes.set(row.id, { version: row.version, palette: fromPaletteOklab(row.palette_oklab) });
    }
    // Forget themes deleted or unpublished (the excluded one may still be published: it stays).
    const current = new Set(published.map((t) => t.id)).add(excluding);
    for (const id of this.palettes.keys()) if (!current.has(id)) this.palettes.delete(id);
    // A theme changed between the two reads is ranked with its newer palette.
    const candidates = published.flatMap((t) => {
      const known = this.palettes.get(t.id);
      return known ? [{ id: t.id, palette: known.palette }] : [];
    });
    return rankPalettes(palette, candidates, limit);
  }
}
