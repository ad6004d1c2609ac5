/**
 * Colour spaces: sRGB ⇄ linear sRGB ⇄ CIE XYZ (D65) ⇄ CIELAB, and XYZ ⇄ OKLab ⇄ OKLCH, with gamut mapping back
 * to sRGB. Every triple is a plain object; sRGB and linear sRGB channels run from 0 to 1.
 */

/** Gamma-encoded sRGB, each channel 0–1. */
export type Rgb = { r: number; g: number; b: number };
/** Linear-light sRGB, each channel 0–1 when in gamut. */
export type LinearRgb = { r: number; g: number; b: number };
/** CIE XYZ relative to D65, white Y = 1. */
export type Xyz = { x: number; y: number; z: number };
/** CIELAB (D65), L 0–100. */
export type Lab = { l: number; a: number; b: number };
/** OKLab, L 0–1. */
export type OkLab = { l: number; a: number; b: number };
/** OKLCH: OKLab in polar form, hue in degrees [0, 360). */
export type OkLch = { l: number; c: number; h: number };

type Matrix3 = readonly [number, number, number, number, number, number, number, number, number];
type Vector3 = readonly [number, number, number];

const HEX = /^#[0-9a-fA-F]{6}$/;

/** '#rrggbb' (either case) → sRGB. A malformed string is a programming error: values are validated on the way in. */
export function parseHex(hex: string): Rgb {
  if (!HEX.test(hex)) throw new RangeError(`not a #rrggbb colour: ${JSON.stringify(hex)}`);
  return {
    r: parseInt(hex.slice(1, 3), 16) / 255,
    g: parseInt(hex.slice(3, 5), 16) / 255,
    b: parseInt(hex.slice(5, 7), 16) / 255,
  };
}

/** sRGB → '#rrggbb' (lower case); channels are clamped to 0–1 and rounded to the nearest 8-bit step. */
export function formatHex(rgb: Rgb): string {
  return `#${[rgb.r, rgb.g, rgb.b].map((c) => Math.round(clamp01(c) * 255).toString(16).padStart(2, '0')).join('')}`;
}

/** The sRGB transfer function (IEC 61966-2-1), one channel. */
export function toLinear(channel: number): number {
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}

export function fromLinear(channel: number): number {
  return channel <= 0.0031308 ? channel * 12.92 : 1.055 * channel ** (1 / 2.4) - 0.055;
}

export function rgbToLinear(rgb: Rgb): LinearRgb {
  return { r: toLinear(rgb.r), g: toLinear(rgb.g), b: toLinear(rgb.b) };
}

export function linearToRgb(linear: LinearRgb): Rgb {
  return { r: fromLinear(linear.r), g: fromLinear(linear.g), b: fromLinear(linear.b) };
}

// sRGB primaries and D65 white, the same figures as domain/themes/color.ts's hexToLab so both agree.
const LINEAR_TO_XYZ: Matrix3 = [0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041];
const XYZ_TO_LINEAR = invert(LINEAR_TO_XYZ);
const D65: Xyz = { x: 0.95047, y: 1, z: 1.08883 };

export function linearToXyz(c: LinearRgb): Xyz {
  const [x, y, z] = apply(LINEAR_TO_XYZ, [c.r, c.g, c.b]);
  return { x, y, z };
}

export function xyzToLinear(c: Xyz): LinearRgb {
  const [r, g, b] = apply(XYZ_TO_LINEAR, [c.x, c.y, c.z]);
  return { r, g, b };
}

const LAB_EPSILON = 216 / 24389;
const LAB_KAPPA = 24389 / 27;

export function xyzToLab(c: Xyz): Lab {
  const f = (t: number) => (t > LAB_EPSILON ? Math.cbrt(t) : (LAB_KAPPA * t + 16) / 116);
  const fx = f(c.x / D65.x);
  const fy = f(c.y / D65.y);
  const fz = f(c.z / D65.z);
  return { l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

export function labToXyz(c: Lab): Xyz {
  const fy = (c.l + 16) / 116;
  const fx = fy + c.a / 500;
  const fz = fy - c.b / 200;
  const inverse = (f: number) => (f ** 3 > LAB_EPSILON ? f ** 3 : (116 * f - 16) / LAB_KAPPA);
  return { x: inverse(fx) * D65.x, y: (c.l > LAB_KAPPA * LAB_EPSILON ? fy ** 3 : c.l / LAB_KAPPA) * D65.y, z: inverse(fz) * D65.z };
}

// Björn Ottosson, "A perceptual color space for image processing" (2020): M1 takes XYZ (D65) to cone responses,
// M2 takes their cube roots to OKLab.
const XYZ_TO_LMS: Matrix3 = [
  0.8189330101, 0.3618667424, -0.1288597137, 0.0329845436, 0.9293118715, 0.0361456387, 0.0482003018, 0.2643662691, 0.633851707,
];
const LMS_TO_OKLAB: Matrix3 = [
  0.2104542553, 0.793617785, -0.0040720468, 1.9779984951, -2.428592205, 0.4505937099, 0.0259040371, 0.7827717662, -0.808675766,
];
// Ottosson's own linear-sRGB → LMS matrix (M1 with the sRGB primaries folded in, fitted so that white has a = b = 0):
// greys keep zero chroma, which the XYZ route only approximates.
const LINEAR_TO_LMS: Matrix3 = [
  0.4122214708, 0.5363325363, 0.0514459929, 0.2119034982, 0.6806995451, 0.1073969566, 0.0883024619, 0.2817188376, 0.6299787005,
];
const LMS_TO_XYZ = invert(XYZ_TO_LMS);
const LMS_TO_LINEAR = invert(LINEAR_TO_LMS);
const OKLAB_TO_LMS = invert(LMS_TO_OKLAB);

export function xyzToOklab(c: Xyz): OkLab {
  return lmsToOklab(apply(XYZ_TO_LMS, [c.x, c.y, c.z]));
}

export function oklabToXyz(c: OkLab): Xyz {
  const [x, y, z] = apply(LMS_TO_XYZ, oklabToLms(c));
  return { x, y, z };
}

export function linearToOklab(c: LinearRgb): OkLab {
  return lmsToOklab(apply(LINEAR_TO_LMS, [c.r, c.g, c.b]));
}

export function oklabToLinear(c: OkLab): LinearRgb {
  const [r, g, b] = apply(LMS_TO_LINEAR, oklabToLms(c));
  return { r, g, b };
}

function lmsToOklab([l, m, s]: Vector3): OkLab {
  const [L, a, b] = apply(LMS_TO_OKLAB, [Math.cbrt(l), Math.cbrt(m), Math.cbrt(s)]);
  return { l: L, a, b };
}

function oklabToLms(c: OkLab): Vector3 {
  const [l, m, s] = apply(OKLAB_TO_LMS, [c.l, c.a, c.b]);
  return [l ** 3, m ** 3, s ** 3];
}

export function oklabToOklch(c: OkLab): OkLch {
  const h = (Math.atan2(c.b, c.a) * 180) / Math.PI;
  return { l: c.l, c: Math.hypot(c.a, c.b), h: h < 0 ? h + 360 : h };
}

export function oklchToOklab(c: OkLch): OkLab {
  const radians = (c.h * Math.PI) / 180;
  return { l: c.l, a: c.c * Math.cos(radians), b: c.c * Math.sin(radians) };
}

export function hexToLinear(hex: string): LinearRgb {
  return rgbToLinear(parseHex(hex));
}

export function linearToHex(c: LinearRgb): string {
  return formatHex(linearToRgb(c));
}

export function hexToCielab(hex: string): Lab {
  return xyzToLab(linearToXyz(hexToLinear(hex)));
}

export function hexToOklab(hex: string): OkLab {
  return linearToOklab(hexToLinear(hex));
}

export function hexToOklch(hex: string): OkLch {
  return oklabToOklch(hexToOklab(hex));
}

/** Slack for arithmetic noise: a colour read from a hex value must count as inside the gamut it came from. */
const GAMUT_EPSILON = 1e-6;

export function inSrgbGamut(c: LinearRgb): boolean {
  return [c.r, c.g, c.b].every((v) => v >= -GAMUT_EPSILON && v <= 1 + GAMUT_EPSILON);
}

/**
 * The colour as near as sRGB can show it: lightness and hue are kept and chroma is reduced (binary search) until
 * the colour fits, the CSS Color 4 approach without its ΔE shortcut. Lightness is clamped to 0–1.
 */
export function gamutMapOklch(c: OkLch): OkLch {
  const l = Math.min(1, Math.max(0, c.l));
  const fits = (chroma: number) => inSrgbGamut(oklabToLinear(oklchToOklab({ l, c: chroma, h: c.h })));
  if (fits(c.c)) return { l, c: c.c, h: c.h };
  let low = 0;
  let high = c.c;
  for (let i = 0; i < 24; i++) {
    const mid = (low + high) / 2;
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return { l, c: low, h: c.h };
}

/** OKLCH → the nearest valid '#rrggbb', by gamut mapping (chroma reduction) first. */
export function oklchToHex(c: OkLch): string {
  return linearToHex(oklabToLinear(oklchToOklab(gamutMapOklch(c))));
}

export function oklabToHex(c: OkLab): string {
  return oklchToHex(oklabToOklch(c));
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

function apply(m: Matrix3, v: Vector3): [number, number, number] {
  return [m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[3] * v[0] + m[4] * v[1] + m[5] * v[2], m[6] * v[0] + m[7] * v[1] + m[8] * v[2]];
}

/** The inverse of a 3×3 matrix, so each round trip uses exact inverses rather than separately rounded tables. */
function invert(m: Matrix3): Matrix3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
    B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
    C / det, -(a * h - b * g) / det, (a * e - b * d) / det,
  ];
}
