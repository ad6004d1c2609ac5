import { expect } from 'chai';
import fc from 'fast-check';
import { ciede2000, deltaEOk } from '../../domain/color/difference.ts';
import {
  formatHex,
  gamutMapOklch,
  hexToCielab,
  hexToLinear,
  hexToOklab,
  hexToOklch,
  inSrgbGamut,
  labToXyz,
  linearToXyz,
  oklabToLinear,
  oklabToXyz,
  oklchToHex,
  oklchToOklab,
  parseHex,
  xyzToLab,
  xyzToOklab,
} from '../../domain/color/spaces.ts';
import { hexToLab } from '../../domain/themes/color.ts';
import { hexColor } from '../support/arbitraries.ts';

function expectClose(actual: Record<string, number>, expected: Record<string, number>, tolerance: number): void {
  for (const key of Object.keys(expected)) expect(actual[key], key).to.be.closeTo(expected[key]!, tolerance);
}

describe('colour spaces', () => {
  it('converts XYZ to OKLab as in Ottosson\'s published table (three decimals)', () => {
    // https://bottosson.github.io/posts/oklab/ — "Table of example XYZ and Oklab pairs".
    const table = [
      { xyz: { x: 0.95, y: 1, z: 1.089 }, oklab: { l: 1, a: 0, b: 0 } },
      { xyz: { x: 1, y: 0, z: 0 }, oklab: { l: 0.45, a: 1.236, b: -0.019 } },
      { xyz: { x: 0, y: 1, z: 0 }, oklab: { l: 0.922, a: -0.671, b: 0.263 } },
      { xyz: { x: 0, y: 0, z: 1 }, oklab: { l: 0.153, a: -1.415, b: -0.449 } },
    ];
    for (const { xyz, oklab } of table) {
      expectClose(xyzToOklab(xyz), oklab, 0.0005 + 1e-9);
      expectClose(oklabToXyz(oklab), xyz, 0.003);
    }
  });

  it('puts the sRGB primaries and white where Ottosson\'s reference code does, with greys at zero chroma', () => {
    expectClose(hexToOklab('#ff0000'), { l: 0.627955, a: 0.224863, b: 0.125846 }, 1e-5);
    expectClose(hexToOklab('#00ff00'), { l: 0.86644, a: -0.233888, b: 0.179498 }, 1e-5);
    expectClose(hexToOklab('#0000ff'), { l: 0.452014, a: -0.032457, b: -0.311528 }, 1e-5);
    expectClose(hexToOklab('#ffffff'), { l: 1, a: 0, b: 0 }, 1e-6);
    expect(hexToOklch('#777777').c).to.be.below(1e-6);
  });

  it('gives CIELAB values equal to the colour search\'s hexToLab, and known reference points', () => {
    fc.assert(fc.property(hexColor, (hex) => expectClose(hexToCielab(hex), hexToLab(hex), 1e-9)));
    expectClose(hexToCielab('#ffffff'), { l: 100, a: 0, b: 0 }, 1e-3);
    expectClose(hexToCielab('#ff0000'), { l: 53.2408, a: 80.0925, b: 67.2032 }, 1e-3);
  });

  it('round-trips every 8-bit colour through linear RGB, XYZ, CIELAB, OKLab and OKLCH back to the same hex', () => {
    fc.assert(
      fc.property(hexColor, (hex) => {
        expect(formatHex(parseHex(hex))).to.equal(hex);
        const linear = hexToLinear(hex);
        expectClose(labToXyz(xyzToLab(linearToXyz(linear))), linearToXyz(linear), 1e-9);
        expectClose(oklabToLinear(hexToOklab(hex)), linear, 1e-9);
        expect(oklchToHex(hexToOklch(hex))).to.equal(hex);
      }),
      { numRuns: 500 },
    );
  });

  it('gamut-maps OKLCH into sRGB by reducing chroma only, keeping lightness and hue', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 359.9, noNaN: true }), (l, c, h) => {
        const mapped = gamutMapOklch({ l, c, h });
        expect(inSrgbGamut(oklabToLinear(oklchToOklab(mapped)))).to.equal(true);
        expect(mapped.l).to.equal(l);
        expect(mapped.h).to.equal(h);
        expect(mapped.c).to.be.at.most(c);
        expect(oklchToHex({ l, c, h })).to.match(/^#[0-9a-f]{6}$/);
      }),
    );
    expect(oklchToHex({ l: 1.2, c: 0.3, h: 40 })).to.equal('#ffffff');
    expect(oklchToHex({ l: -0.1, c: 0.3, h: 40 })).to.equal('#000000');
  });

  it('refuses a malformed hex string', () => {
    for (const bad of ['#fff', '0b3d91', '#0b3d9g', '']) expect(() => parseHex(bad)).to.throw(RangeError);
  });
});

describe('colour difference', () => {
  // G. Sharma, W. Wu, E. N. Dalal (2005), Table 1: all 34 pairs [L1, a1, b1, L2, a2, b2, ΔE00].
  const sharma: [number, number, number, number, number, number, number][] = [
    [50.0, 2.6772, -79.7751, 50.0, 0.0, -82.7485, 2.0425],
    [50.0, 3.1571, -77.2803, 50.0, 0.0, -82.7485, 2.8615],
    [50.0, 2.8361, -74.02, 50.0, 0.0, -82.7485, 3.4412],
    [50.0, -1.3802, -84.2814, 50.0, 0.0, -82.7485, 1.0],
    [50.0, -1.1848, -84.8006, 50.0, 0.0, -82.7485, 1.0],
    [50.0, -0.9009, -85.5211, 50.0, 0.0, -82.7485, 1.0],
    [50.0, 0.0, 0.0, 50.0, -1.0, 2.0, 2.3669],
    [50.0, -1.0, 2.0, 50.0, 0.0, 0.0, 2.3669],
    [50.0, 2.49, -0.001, 50.0, -2.49, 0.0009, 7.1792],
    [50.0, 2.49, -0.001, 50.0, -2.49, 0.001, 7.1792],
    [50.0, 2.49, -0.001, 50.0, -2.49, 0.0011, 7.2195],
    [50.0, 2.49, -0.001, 50.0, -2.49, 0.0012, 7.2195],
    [50.0, -0.001, 2.49, 50.0, 0.0009, -2.49, 4.8045],
    [50.0, -0.001, 2.49, 50.0, 0.001, -2.49, 4.8045],
    [50.0, -0.001, 2.49, 50.0, 0.0011, -2.49, 4.7461],
    [50.0, 2.5, 0.0, 50.0, 0.0, -2.5, 4.3065],
    [50.0, 2.5, 0.0, 73.0, 25.0, -18.0, 27.1492],
    [50.0, 2.5, 0.0, 61.0, -5.0, 29.0, 22.8977],
    [50.0, 2.5, 0.0, 56.0, -27.0, -3.0, 31.903],
    [50.0, 2.5, 0.0, 58.0, 24.0, 15.0, 19.4535],
    [50.0, 2.5, 0.0, 50.0, 3.1736, 0.5854, 1.0],
    [50.0, 2.5, 0.0, 50.0, 3.2972, 0.0, 1.0],
    [50.0, 2.5, 0.0, 50.0, 1.8634, 0.5757, 1.0],
    [50.0, 2.5, 0.0, 50.0, 3.2592, 0.335, 1.0],
    [60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
    [63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.263],
    [61.2901, 3.7196, -5.3901, 61.4292, 2.248, -4.962, 1.8731],
    [35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645],
    [22.7233, 20.0904, -46.694, 23.0331, 14.973, -42.5619, 2.0373],
    [36.4612, 47.858, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146],
    [90.8027, -2.0831, 1.441, 91.1528, -1.6435, 0.0447, 1.4441],
    [90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381],
    [6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377],
    [2.0776, 0.0795, -1.135, 0.9033, -0.0636, -0.5514, 0.9082],
  ];

  it('matches all 34 CIEDE2000 test pairs of Sharma, Wu & Dalal to four decimals, in either order', () => {
    expect(sharma).to.have.length(34);
    sharma.forEach(([l1, a1, b1, l2, a2, b2, expected], i) => {
      const x = { l: l1, a: a1, b: b1 };
      const y = { l: l2, a: a2, b: b2 };
      expect(Number(ciede2000(x, y).toFixed(4)), `pair ${i + 1}`).to.equal(expected);
      expect(Number(ciede2000(y, x).toFixed(4)), `pair ${i + 1} reversed`).to.equal(expected);
    });
  });

  it('is zero for a colour and itself, and OKLab distance is Euclidean', () => {
    fc.assert(fc.property(hexColor, (hex) => {
      expect(ciede2000(hexToCielab(hex), hexToCielab(hex))).to.equal(0);
    }));
    expect(deltaEOk({ l: 0.5, a: 0.1, b: 0 }, { l: 0.5, a: 0.1, b: 0.1 })).to.be.closeTo(0.1, 1e-12);
    expect(deltaEOk(hexToOklab('#000000'), hexToOklab('#ffffff'))).to.be.closeTo(1, 1e-6);
  });
});
