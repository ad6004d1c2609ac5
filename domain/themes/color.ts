export const COLOR_ROLES = ['primary', 'secondary', 'accent', 'background', 'surface', 'text'] as const;
export type ColorRole = (typeof COLOR_ROLES)[number];

export const HEX_PATTERN = /^#[0-9a-f]{6}$/;
export const COLOR_NAME_MAX = 32;

/** A palette entry: a name, a #rrggbb colour (lower-case) and an optional role. Plain data, so both adapters keep it as JSON. */
export type Color = { readonly name: string; readonly hex: string; readonly role: ColorRole | null };

export type Lab = { l: number; a: number; b: number };

/** How close (CIE76 ΔE) a palette colour must be to a wanted colour to count as similar. */
export const SIMILAR_COLOR_DISTANCE = 12;

/** Written as plain products so PostgreSQL's double precision arithmetic gives the very same number. */
export function squaredDistance(x: Lab, y: Lab): number {
  const dl = x.l - y.l;
  const da = x.a - y.a;
  const db = x.b - y.b;
  return dl * dl + da * da + db * db;
}

/** sRGB (D65) → CIE XYZ → CIELAB. */
export function hexToLab(hex: string): Lab {
  const [r, g, b] = [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255)) as [number, number, number];
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const [fx, fy, fz] = [x, y, z].map(f) as [number, number, number];
  return { l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

function linear(channel: number): number {
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}

function f(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116;
}
