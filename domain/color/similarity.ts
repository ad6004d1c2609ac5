import type { OkLab } from './spaces.ts';

/**
 * How far apart two palettes look: each colour is paired with its nearest colour of the other palette (Euclidean
 * OKLab distance), the distances are averaged per direction, and the two directions are averaged (a symmetrised
 * Chamfer distance). 0 for the same set of colours, whatever their order or repetition; about 1 is black against
 * white. Takes OKLab points so a caller comparing one palette with thousands converts each palette once.
 */
export function paletteDistance(a: readonly OkLab[], b: readonly OkLab[]): number {
  if (a.length === 0 || b.length === 0) throw new RangeError('a palette has at least one colour');
  return (meanNearest(a, b) + meanNearest(b, a)) / 2;
}

/**
 * One direction of paletteDistance: the mean distance from each colour of `from` to its nearest in `to`. Half of
 * it is a lower bound of the palette distance, which lets a ranking skip the other half for palettes already out.
 */
export function meanNearest(from: readonly OkLab[], to: readonly OkLab[]): number {
  let sum = 0;
  for (const p of from) {
    let best = Infinity;
    for (const q of to) {
      const dl = p.l - q.l;
      const da = p.a - q.a;
      const db = p.b - q.b;
      best = Math.min(best, dl * dl + da * da + db * db);
    }
    sum += Math.sqrt(best);
  }
  return sum / from.length;
}
