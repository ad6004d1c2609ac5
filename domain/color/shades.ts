import { hexToOklch, oklchToHex } from './spaces.ts';

export const SHADE_STEPS = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950] as const;
export type ShadeStep = (typeof SHADE_STEPS)[number];

/**
 * OKLCH lightness of each step and the share of the colour's chroma it keeps, modelled on Tailwind CSS v4's default
 * palette (its blue: L 97% → 28%, chroma peaking at 600 and fading towards both ends).
 */
const SCALE: Record<ShadeStep, { l: number; chroma: number }> = {
  50: { l: 0.971, chroma: 0.06 },
  100: { l: 0.936, chroma: 0.13 },
  200: { l: 0.885, chroma: 0.24 },
  300: { l: 0.808, chroma: 0.43 },
  400: { l: 0.704, chroma: 0.67 },
  500: { l: 0.623, chroma: 0.87 },
  600: { l: 0.546, chroma: 1 },
  700: { l: 0.488, chroma: 0.99 },
  800: { l: 0.424, chroma: 0.81 },
  900: { l: 0.379, chroma: 0.6 },
  950: { l: 0.282, chroma: 0.37 },
};

/**
 * The 50–950 scale of a colour, generated in OKLCH: its hue kept, lightness set per step, chroma scaled from the
 * colour's own (then reduced where sRGB cannot show it). Lightest first.
 */
export function shadeScale(hex: string): { step: ShadeStep; hex: string }[] {
  const { c, h } = hexToOklch(hex);
  return SHADE_STEPS.map((step) => ({ step, hex: oklchToHex({ l: SCALE[step].l, c: c * SCALE[step].chroma, h }) }));
}
