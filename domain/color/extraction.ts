import { ValidationFailed } from '../errors.ts';
import type { ColorRole } from '../themes/color.ts';
import { contrastRatio } from './contrast.ts';
import { deltaEOk } from './difference.ts';
import { hexToOklch, linearToOklab, oklabToHex, toLinear, type OkLab } from './spaces.ts';

/** Decoded pixels, already downsampled: 8-bit RGB or RGBA, row after row. */
export type Pixels = { data: Uint8Array | Uint8ClampedArray; channels: 3 | 4 };

/** One colour of an image: its share of the (opaque) pixels, 0–1, and a suggested role. */
export type Swatch = { hex: string; share: number; role: ColorRole | null };

export const SWATCH_COUNT = { min: 5, max: 8, default: 6 } as const;

/** Clusters closer than this in OKLab (about twice a just-noticeable difference) are one colour. */
export const MERGE_DISTANCE = 0.04;

const DEFAULT_SEED = 0x5eed;
const MAX_ITERATIONS = 50;
/** Pixels more transparent than this are left out: they show whatever lies behind the image. */
const MIN_ALPHA = 128;

/**
 * The main colours of an image: k-means in OKLab (k-means++ seeding from a seeded generator, so the same pixels
 * always give the same palette) over a 15-bit colour histogram, then clusters nearer than MERGE_DISTANCE merged.
 * Returns at most `count` swatches (fewer when the image has fewer distinct colours), largest share first, with
 * suggested roles (see suggestRoles).
 */
export function extractPalette(pixels: Pixels, options: { count?: number; seed?: number } = {}): Swatch[] {
  const count = options.count ?? SWATCH_COUNT.default;
  if (!Number.isInteger(count) || count < SWATCH_COUNT.min || count > SWATCH_COUNT.max) {
    throw ValidationFailed.field('count', `must be a whole number from ${SWATCH_COUNT.min} to ${SWATCH_COUNT.max}`);
  }
  const points = histogram(pixels);
  if (points.length === 0) throw ValidationFailed.field('file', 'the image has no opaque pixels');
  const clusters = mergeNear(kMeans(points, count, options.seed ?? DEFAULT_SEED));
  const total = clusters.reduce((sum, c) => sum + c.weight, 0);
  const swatches = clusters
    .sort((x, y) => y.weight - x.weight)
    .map((c) => ({ hex: oklabToHex(c.centre), share: c.weight / total }));
  const roles = suggestRoles(swatches);
  return swatches.map((s, i) => ({ ...s, role: roles[i] ?? null }));
}

/** Below this OKLCH chroma a colour reads as grey, beige or near-white: a plausible page background. */
const LOW_CHROMA = 0.05;
/** Primary and accent need at least this chroma to count as "salient". */
const SALIENT_CHROMA = 0.04;

/**
 * Roles for swatches (parallel array):
 * - background: the largest low-chroma area, scored share / (1 + (C / 0.05)²), so a big grey beats a big blue;
 * - text: the swatch with the highest WCAG contrast against the background;
 * - primary, then accent: the most salient of the rest, by chroma × √share, if chroma ≥ 0.04.
 * Everything else gets no role.
 */
export function suggestRoles(swatches: readonly { hex: string; share: number }[]): (ColorRole | null)[] {
  const roles: (ColorRole | null)[] = swatches.map(() => null);
  if (swatches.length === 0) return roles;
  const chroma = swatches.map((s) => hexToOklch(s.hex).c);
  const free = () => swatches.map((_, i) => i).filter((i) => roles[i] === null);
  const best = (indices: number[], score: (i: number) => number) =>
    indices.reduce<number | undefined>((top, i) => (top === undefined || score(i) > score(top) ? i : top), undefined);

  const background = best(free(), (i) => swatches[i]!.share / (1 + (chroma[i]! / LOW_CHROMA) ** 2))!;
  roles[background] = 'background';
  const text = best(free(), (i) => contrastRatio(swatches[i]!.hex, swatches[background]!.hex));
  if (text !== undefined) roles[text] = 'text';
  for (const role of ['primary', 'accent'] as const) {
    const salient = free().filter((i) => chroma[i]! >= SALIENT_CHROMA);
    const pick = best(salient, (i) => chroma[i]! * Math.sqrt(swatches[i]!.share));
    if (pick !== undefined) roles[pick] = role;
  }
  return roles;
}

type Cluster = { centre: OkLab; weight: number };

/** Histogram points, column-wise in typed arrays: the clustering loops are the hot path of extraction. */
type Points = { l: Float64Array; a: Float64Array; b: Float64Array; weight: Float64Array; length: number };

/**
 * Pixels binned by their top 5 bits per channel (32,768 bins), each bin represented by the mean colour of its
 * pixels: clustering cost no longer depends on the image size, and the loss (under one 8-bit step in 32) is below
 * what the merge step treats as the same colour anyway.
 */
function histogram({ data, channels }: Pixels): Points {
  const bins = 1 << 15;
  const counts = new Uint32Array(bins);
  const sums = new Float64Array(bins * 3);
  for (let i = 0; i + channels <= data.length; i += channels) {
    if (channels === 4 && data[i + 3]! < MIN_ALPHA) continue;
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    const bin = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
    counts[bin]! += 1;
    sums[bin * 3]! += r;
    sums[bin * 3 + 1]! += g;
    sums[bin * 3 + 2]! += b;
  }
  let length = 0;
  for (let bin = 0; bin < bins; bin++) if (counts[bin]! > 0) length++;
  const points: Points = { l: new Float64Array(length), a: new Float64Array(length), b: new Float64Array(length), weight: new Float64Array(length), length };
  let p = 0;
  for (let bin = 0; bin < bins; bin++) {
    const n = counts[bin]!;
    if (n === 0) continue;
    const channel = (k: number) => toLinear(sums[bin * 3 + k]! / n / 255);
    const color = linearToOklab({ r: channel(0), g: channel(1), b: channel(2) });
    points.l[p] = color.l;
    points.a[p] = color.a;
    points.b[p] = color.b;
    points.weight[p] = n;
    p++;
  }
  return points;
}

function kMeans(points: Points, k: number, seed: number): Cluster[] {
  const centres = seedPlusPlus(points, k, mulberry32(seed));
  const assignment = new Int32Array(points.length).fill(-1);
  let clusters: Cluster[] = [];
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let moved = false;
    for (let i = 0; i < points.length; i++) {
      const nearest = nearestCentre(points, i, centres);
      if (nearest !== assignment[i]) {
        assignment[i] = nearest;
        moved = true;
      }
    }
    clusters = weightedMeans(points, assignment, centres.length);
    if (!moved) break;
    clusters.forEach((c, i) => {
      if (c.weight > 0) centres[i] = c.centre;
    });
  }
  return clusters.filter((c) => c.weight > 0);
}

/** k-means++ (Arthur & Vassilvitskii, 2007), weighted by pixel counts; stops early when every point is a centre. */
function seedPlusPlus(points: Points, k: number, random: () => number): OkLab[] {
  const pick = (weights: Float64Array) => {
    const total = weights.reduce((a, b) => a + b, 0);
    let target = random() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i]!;
      if (target < 0) return i;
    }
    return weights.length - 1;
  };
  const at = (i: number): OkLab => ({ l: points.l[i]!, a: points.a[i]!, b: points.b[i]! });
  const centres = [at(pick(points.weight))];
  const distances = new Float64Array(points.length).fill(Infinity);
  const weights = new Float64Array(points.length);
  for (;;) {
    const centre = centres[centres.length - 1]!;
    for (let i = 0; i < points.length; i++) {
      distances[i] = Math.min(distances[i]!, squaredDistance(points, i, centre));
      weights[i] = points.weight[i]! * distances[i]!;
    }
    if (centres.length === k || weights.every((w) => w === 0)) return centres;
    centres.push(at(pick(weights)));
  }
}

function weightedMeans(points: Points, assignment: Int32Array, k: number): Cluster[] {
  const sums = Array.from({ length: k }, () => ({ l: 0, a: 0, b: 0, weight: 0 }));
  for (let i = 0; i < points.length; i++) {
    const s = sums[assignment[i]!]!;
    const w = points.weight[i]!;
    s.l += points.l[i]! * w;
    s.a += points.a[i]! * w;
    s.b += points.b[i]! * w;
    s.weight += w;
  }
  return sums.map((s) => ({
    centre: s.weight > 0 ? { l: s.l / s.weight, a: s.a / s.weight, b: s.b / s.weight } : { l: 0, a: 0, b: 0 },
    weight: s.weight,
  }));
}

/** Repeatedly merges the closest two clusters while they are nearer than MERGE_DISTANCE. */
function mergeNear(clusters: Cluster[]): Cluster[] {
  const result = [...clusters];
  for (;;) {
    let closest: { i: number; j: number; d: number } | null = null;
    for (let i = 0; i < result.length; i++) {
      for (let j = i + 1; j < result.length; j++) {
        const d = deltaEOk(result[i]!.centre, result[j]!.centre);
        if (d < MERGE_DISTANCE && (!closest || d < closest.d)) closest = { i, j, d };
      }
    }
    if (!closest) return result;
    const x = result[closest.i]!;
    const y = result.splice(closest.j, 1)[0]!;
    const weight = x.weight + y.weight;
    const mix = (p: number, q: number) => (p * x.weight + q * y.weight) / weight;
    result[closest.i] = { centre: { l: mix(x.centre.l, y.centre.l), a: mix(x.centre.a, y.centre.a), b: mix(x.centre.b, y.centre.b) }, weight };
  }
}

function squaredDistance(points: Points, i: number, c: OkLab): number {
  const dl = points.l[i]! - c.l;
  const da = points.a[i]! - c.a;
  const db = points.b[i]! - c.b;
  return dl * dl + da * da + db * db;
}

function nearestCentre(points: Points, i: number, centres: OkLab[]): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < centres.length; c++) {
    const d = squaredDistance(points, i, centres[c]!);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

/** A small seeded generator (mulberry32): extraction must be repeatable, and the domain takes no ambient randomness. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
