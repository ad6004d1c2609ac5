import { checkRolePairs, contrastMatrix, contrastRatio, displayRatio, gradeContrast, type ContrastPair, type Level, type RolePairResult } from './contrast.ts';
import { colorWithRole, type PaletteColor } from './palette.ts';
import { checkColorVision, type CvdReport } from './vision.ts';

/**
 * What a theme's list and filters need, computed when the palette is written: the text-on-background ratio (cut to
 * two decimals) and its normal-text level, both null unless the palette has text and background roles; and whether
 * no pair of colours becomes hard to tell apart under any simulated deficiency.
 */
export type AccessibilitySummary = { textContrast: number | null; level: Level | null; cvdSafe: boolean };

export type AccessibilityReport = {
  pairs: ContrastPair[];
  rolePairs: RolePairResult[];
  colorVision: CvdReport;
  summary: AccessibilitySummary;
};

export function accessibilityReport(colors: readonly PaletteColor[]): AccessibilityReport {
  const hexes = colors.map((c) => c.hex);
  const colorVision = checkColorVision(hexes);
  return {
    pairs: contrastMatrix(hexes),
    rolePairs: checkRolePairs(colors),
    colorVision,
    summary: summarise(colors, colorVision),
  };
}

export function accessibilitySummary(colors: readonly PaletteColor[]): AccessibilitySummary {
  return summarise(colors, checkColorVision(colors.map((c) => c.hex)));
}

function summarise(colors: readonly PaletteColor[], colorVision: CvdReport): AccessibilitySummary {
  const text = colorWithRole(colors, 'text');
  const background = colorWithRole(colors, 'background');
  const cvdSafe = colorVision.warnings.length === 0;
  if (!text || !background) return { textContrast: null, level: null, cvdSafe };
  const ratio = contrastRatio(text.hex, background.hex);
  return { textContrast: displayRatio(ratio), level: gradeContrast(ratio).normalText, cvdSafe };
}
