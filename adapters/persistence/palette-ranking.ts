import type { PaletteMatch } from '../../application/ports/similar-palettes.ts';
import { meanNearest } from '../../domain/color/similarity.ts';
import type { OkLab } from '../../domain/color/spaces.ts';
import { compare } from './sorting.ts';

const before = (x: PaletteMatch, y: PaletteMatch) => x.distance - y.distance || compare(x.themeId, y.themeId);

/**
 * The `limit` candidates nearest to `palette` by the domain's palette distance, nearest first, equal distances by
 * id. Both adapters rank with this, from the same OKLab values, so they agree to the last bit. A candidate whose
 * one-way distance already puts it behind the `limit`-th is left without its other half.
 */
export function rankPalettes(palette: readonly OkLab[], candidates: Iterable<{ id: string; palette: readonly OkLab[] }>, limit: number): PaletteMatch[] {
  const top: PaletteMatch[] = [];
  for (const candidate of candidates) {
    const forward = meanNearest(palette, candidate.palette);
    const worst = top.length === limit ? top[limit - 1]! : null;
    if (worst && forward / 2 > worst.distance) continue;
    // As paletteDistance computes it, to the last bit.
    const match = { themeId: candidate.id, distance: (forward + meanNearest(candidate.palette, palette)) / 2 };
    if (worst && before(worst, match) < 0) continue;
    let at = top.length;
    while (at > 0 && before(match, top[at - 1]!) < 0) at--;
    top.splice(at, 0, match);
    if (top.length > limit) top.pop();
  }
  return top;
}
