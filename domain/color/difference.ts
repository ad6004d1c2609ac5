import type { Lab, OkLab } from './spaces.ts';

const DEG = Math.PI / 180;
const POW25_7 = 25 ** 7;

/**
 * CIEDE2000 colour difference (ΔE00), as written out in G. Sharma, W. Wu and E. N. Dalal, "The CIEDE2000
 * color-difference formula: implementation notes, supplementary test data, and mathematical observations",
 * Color Research & Application 30(1), 2005 — including its rules for hue at zero chroma and across 0°/360°.
 * Parametric factors kL = kC = kH = 1 (the reference conditions).
 */
export function ciede2000(x: Lab, y: Lab): number {
  const meanChroma = (Math.hypot(x.a, x.b) + Math.hypot(y.a, y.b)) / 2;
  const g = 0.5 * (1 - Math.sqrt(meanChroma ** 7 / (meanChroma ** 7 + POW25_7)));
  const a1 = (1 + g) * x.a;
  const a2 = (1 + g) * y.a;
  const c1 = Math.hypot(a1, x.b);
  const c2 = Math.hypot(a2, y.b);
  const h1 = hueDegrees(x.b, a1);
  const h2 = hueDegrees(y.b, a2);
  const chromatic = c1 * c2 !== 0;

  const dL = y.l - x.l;
  const dC = c2 - c1;
  let dh = 0;
  if (chromatic) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh / 2) * DEG);

  const meanL = (x.l + y.l) / 2;
  const meanC = (c1 + c2) / 2;
  let meanH = h1 + h2;
  if (chromatic) {
    if (Math.abs(h1 - h2) <= 180) meanH /= 2;
    else meanH = meanH < 360 ? (meanH + 360) / 2 : (meanH - 360) / 2;
  }
  const t =
    1 -
    0.17 * Math.cos((meanH - 30) * DEG) +
    0.24 * Math.cos(2 * meanH * DEG) +
    0.32 * Math.cos((3 * meanH + 6) * DEG) -
    0.2 * Math.cos((4 * meanH - 63) * DEG);
  const dTheta = 30 * Math.exp(-(((meanH - 275) / 25) ** 2));
  const rC = 2 * Math.sqrt(meanC ** 7 / (meanC ** 7 + POW25_7));
  const sL = 1 + (0.015 * (meanL - 50) ** 2) / Math.sqrt(20 + (meanL - 50) ** 2);
  const sC = 1 + 0.045 * meanC;
  const sH = 1 + 0.015 * meanC * t;
  const rT = -Math.sin(2 * dTheta * DEG) * rC;

  const l = dL / sL;
  const c = dC / sC;
  const h = dH / sH;
  return Math.sqrt(l * l + c * c + h * h + rT * c * h);
}

/** Euclidean distance in OKLab: the colour difference OKLab was built for (about 0.02 is just noticeable). */
export function deltaEOk(x: OkLab, y: OkLab): number {
  return Math.hypot(x.l - y.l, x.a - y.a, x.b - y.b);
}

function hueDegrees(b: number, a: number): number {
  if (a === 0 && b === 0) return 0;
  const h = Math.atan2(b, a) / DEG;
  return h < 0 ? h + 360 : h;
}
