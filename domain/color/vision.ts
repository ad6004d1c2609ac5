import { ciede2000 } from './difference.ts';
import { hexToCielab, hexToLinear, linearToHex, linearToXyz, xyzToLab, type Lab, type LinearRgb } from './spaces.ts';

export const CVD_TYPES = ['protanopia', 'deuteranopia', 'tritanopia'] as const;
export type CvdType = (typeof CVD_TYPES)[number];

/**
 * G. M. Machado, M. M. Oliveira and L. A. F. Fernandes, "A Physiologically-based Model for Simulation of Color
 * Vision Deficiency", IEEE Transactions on Visualization and Computer Graphics 15(6), 2009: the severity 1.0
 * matrices (full dichromacy) of the paper's table, applied to linear-light sRGB, row-major.
 */
const MACHADO_2009: Record<CvdType, readonly number[]> = {
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritanopia: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
};

/** The model itself: the deficiency's matrix applied to a linear-light colour (the result may leave 0–1). */
export function applyCvdMatrix(type: CvdType, c: LinearRgb): LinearRgb {
  const m = MACHADO_2009[type];
  return {
    r: m[0]! * c.r + m[1]! * c.g + m[2]! * c.b,
    g: m[3]! * c.r + m[4]! * c.g + m[5]! * c.b,
    b: m[6]! * c.r + m[7]! * c.g + m[8]! * c.b,
  };
}

/** A linear-light colour as seen with the deficiency, clamped to what a screen can show. */
export function simulateLinear(type: CvdType, c: LinearRgb): LinearRgb {
  const { r, g, b } = applyCvdMatrix(type, c);
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { r: clamp(r), g: clamp(g), b: clamp(b) };
}

/** The palette colour as seen with the deficiency, as #rrggbb. */
export function simulateCvd(hex: string, type: CvdType): string {
  return linearToHex(simulateLinear(type, hexToLinear(hex)));
}

/**
 * ΔE00 below which two colours are easily confused at a glance in small areas (lines, icons, chart marks); about 1–2
 * is just noticeable side by side. A pair at or above it in normal vision that falls below it under a deficiency
 * gets a warning; pairs that were already alike are the designer's choice, not a deficiency's effect.
 */
export const CVD_CONFUSION_THRESHOLD = 10;

/** A pair of palette colours (by position) that a deficiency makes hard to tell apart. */
export type CvdWarning = { type: CvdType; a: number; b: number; normalDeltaE: number; simulatedDeltaE: number };

export type CvdReport = {
  /** The palette, in order, as seen with each deficiency. */
  simulated: Record<CvdType, string[]>;
  warnings: CvdWarning[];
};

export function checkColorVision(hexes: readonly string[]): CvdReport {
  const normal = hexes.map(hexToCielab);
  const linear = hexes.map(hexToLinear);
  const simulated = {} as Record<CvdType, string[]>;
  const warnings: CvdWarning[] = [];
  for (const type of CVD_TYPES) {
    const seen = linear.map((c) => simulateLinear(type, c));
    simulated[type] = seen.map(linearToHex);
    const seenLab: Lab[] = seen.map((c) => xyzToLab(linearToXyz(c)));
    for (let a = 0; a < hexes.length; a++) {
      for (let b = a + 1; b < hexes.length; b++) {
        const normalDeltaE = ciede2000(normal[a]!, normal[b]!);
        if (normalDeltaE < CVD_CONFUSION_THRESHOLD) continue;
        const simulatedDeltaE = ciede2000(seenLab[a]!, seenLab[b]!);
        if (simulatedDeltaE < CVD_CONFUSION_THRESHOLD) warnings.push({ type, a, b, normalDeltaE, simulatedDeltaE });
      }
    }
  }
  return { simulated, warnings };
}
