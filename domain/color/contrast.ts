import type { ColorRole } from '../themes/color.ts';
import { colorWithRole, type PaletteColor } from './palette.ts';
import { hexToLinear, hexToOklch, oklchToHex, type OkLch } from './spaces.ts';

/** WCAG 2.2 relative luminance: linear-light sRGB weighted by the Rec. 709 luminance coefficients. */
export function relativeLuminance(hex: string): number {
  const { r, g, b } = hexToLinear(hex);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.2 contrast ratio, (lighter + 0.05) / (darker + 0.05): 1 to 21, the same whichever colour is in front. */
export function contrastRatio(x: string, y: string): number {
  const a = relativeLuminance(x);
  const b = relativeLuminance(y);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * A ratio for display, cut (never rounded up) to two decimals: WCAG compares the exact figure, so 4.499 fails 4.5:1
 * and must not be shown as 4.5. The tiny slack keeps 21:1 (computed as 20.999…) whole.
 */
export function displayRatio(ratio: number): number {
  return Math.floor(ratio * 100 + 1e-9) / 100;
}

/** Best first: a level reaches every level after it. */
export const LEVELS = ['AAA', 'AA', 'fail'] as const;
export type Level = (typeof LEVELS)[number];
export type PassingLevel = Exclude<Level, 'fail'>;
export const PASSING_LEVELS = LEVELS.filter((level): level is PassingLevel => level !== 'fail');

/** The levels that reach `wanted`: AA → AAA and AA. */
export function levelsReaching(wanted: Level): Level[] {
  return LEVELS.slice(0, LEVELS.indexOf(wanted) + 1);
}

/** WCAG 2.2 minimum ratios: SC 1.4.3 (AA) and 1.4.6 (AAA) for text, SC 1.4.11 (AA only) for UI components. */
export const WCAG_THRESHOLDS = {
  normalText: { AA: 4.5, AAA: 7 },
  largeText: { AA: 3, AAA: 4.5 },
  uiComponents: { AA: 3 },
} as const;

export type ContrastGrades = { normalText: Level; largeText: Level; uiComponents: Exclude<Level, 'AAA'> };

export function gradeContrast(ratio: number): ContrastGrades {
  const grade = (t: { AA: number; AAA: number }): Level => (ratio >= t.AAA ? 'AAA' : ratio >= t.AA ? 'AA' : 'fail');
  return {
    normalText: grade(WCAG_THRESHOLDS.normalText),
    largeText: grade(WCAG_THRESHOLDS.largeText),
    uiComponents: ratio >= WCAG_THRESHOLDS.uiComponents.AA ? 'AA' : 'fail',
  };
}

/** One unordered pair of palette colours, by their positions in the palette (`a` < `b`). */
export type ContrastPair = { a: number; b: number; ratio: number; grades: ContrastGrades };

/** The contrast of every pair of palette colours (n·(n−1)/2 pairs: the ratio does not depend on the order). */
export function contrastMatrix(hexes: readonly string[]): ContrastPair[] {
  const pairs: ContrastPair[] = [];
  for (let a = 0; a < hexes.length; a++) {
    for (let b = a + 1; b < hexes.length; b++) {
      const ratio = contrastRatio(hexes[a]!, hexes[b]!);
      pairs.push({ a, b, ratio, grades: gradeContrast(ratio) });
    }
  }
  return pairs;
}

/** What a role pair is used for: text must reach 4.5:1 (AA) or 7:1 (AAA); UI components 3:1 (AA, WCAG has no AAA). */
export type RolePairUse = 'text' | 'ui';
export type RolePair = { foreground: ColorRole; background: ColorRole; use: RolePairUse };

/**
 * The role pairs a theme is judged by, checked when the palette has both roles. The ratio is symmetric, so
 * "primary on background" also covers a primary button's label drawn in the background colour. Text is not checked
 * on primary, as labels on primary fills conventionally use the background colour. Secondary and accent colours
 * mark icons, borders and focus rings (UI components, 3:1), not body text.
 */
export const ROLE_PAIRS: readonly RolePair[] = [
  { foreground: 'text', background: 'background', use: 'text' },
  { foreground: 'text', background: 'surface', use: 'text' },
  { foreground: 'primary', background: 'background', use: 'text' },
  { foreground: 'secondary', background: 'background', use: 'ui' },
  { foreground: 'accent', background: 'background', use: 'ui' },
];

/** The targets of a role pair, by use. */
export function targetsOf(use: RolePairUse): { AA: number; AAA: number | null } {
  return use === 'text' ? WCAG_THRESHOLDS.normalText : { AA: WCAG_THRESHOLDS.uiComponents.AA, AAA: null };
}

/**
 * A fix moves the foreground colour (`role`), never the background, which every other pair depends on.
 * `aa` / `aaa`: the nearest colour reaching that level (the colour itself when it already does; null when no
 * lightness reaches it, or for `aaa` of UI pairs, which WCAG does not define).
 */
export type ContrastFix = { role: ColorRole; from: string; aa: string | null; aaa: string | null };

export type RolePairResult = RolePair & {
  foregroundHex: string;
  backgroundHex: string;
  ratio: number;
  grades: ContrastGrades;
  /** Meets the pair's AA target. */
  passes: boolean;
  /** Present while the pair falls short of its best level (AAA for text, AA for UI). */
  fix: ContrastFix | null;
};

/** The role pairs a palette has (both roles given to a colour), with those colours: no figures, so it costs nothing. */
export function rolePairsIn<C extends PaletteColor>(colors: readonly C[]): (RolePair & { fg: C; bg: C })[] {
  return ROLE_PAIRS.flatMap((pair) => {
    const fg = colorWithRole(colors, pair.foreground);
    const bg = colorWithRole(colors, pair.background);
    return fg && bg ? [{ ...pair, fg, bg }] : [];
  });
}

export function checkRolePairs(colors: readonly PaletteColor[]): RolePairResult[] {
  return rolePairsIn(colors).map(({ fg, bg, ...pair }) => {
    const ratio = contrastRatio(fg.hex, bg.hex);
    const targets = targetsOf(pair.use);
    const best = targets.AAA ?? targets.AA;
    return {
      ...pair,
      foregroundHex: fg.hex,
      backgroundHex: bg.hex,
      ratio,
      grades: gradeContrast(ratio),
      passes: ratio >= targets.AA,
      fix:
        ratio >= best
          ? null
          : {
              role: pair.foreground,
              from: fg.hex,
              aa: nearestPassingColor(fg.hex, bg.hex, targets.AA),
              aaa: targets.AAA === null ? null : nearestPassingColor(fg.hex, bg.hex, targets.AAA),
            },
    };
  });
}

/**
 * The colour nearest to `moving` that reaches `target`:1 against `against`, changing only OKLCH lightness (hue and
 * chroma kept as far as the sRGB gamut allows). Both directions are searched (darker and lighter) by bisection on
 * L, judged on the rounded #rrggbb so the answer really passes; the smaller lightness change wins. Null when even
 * black or white (with that hue) does not reach the target.
 */
export function nearestPassingColor(moving: string, against: string, target: number): string | null {
  if (contrastRatio(moving, against) >= target) return moving;
  const start = hexToOklch(moving);
  const found = [0, 1]
    .map((end) => bisectLightness(start, end, (hex) => contrastRatio(hex, against) >= target))
    .filter((c) => c !== null)
    .sort((x, y) => x.change - y.change);
  return found[0]?.hex ?? null;
}

function bisectLightness(start: OkLch, end: number, passes: (hex: string) => boolean): { hex: string; change: number } | null {
  const at = (l: number) => oklchToHex({ l, c: start.c, h: start.h });
  if (!passes(at(end))) return null;
  // Invariant: `near` fails, `far` passes; luminance grows with L, so the pass/fail boundary is crossed once.
  let near = start.l;
  let far = end;
  for (let i = 0; i < 20; i++) {
    const mid = (near + far) / 2;
    if (passes(at(mid))) far = mid;
    else near = mid;
  }
  return { hex: at(far), change: Math.abs(far - start.l) };
}
