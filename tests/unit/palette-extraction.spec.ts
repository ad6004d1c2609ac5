import { expect } from 'chai';
import fc from 'fast-check';
import { contrastRatio } from '../../domain/color/contrast.ts';
import { deltaEOk } from '../../domain/color/difference.ts';
import { extractPalette, suggestRoles, type Pixels } from '../../domain/color/extraction.ts';
import { shadeScale, SHADE_STEPS } from '../../domain/color/shades.ts';
import { paletteDistance } from '../../domain/color/similarity.ts';
import { hexToOklab, hexToOklch } from '../../domain/color/spaces.ts';
import { ValidationFailed } from '../../domain/errors.ts';

/** A synthetic "photo": areas of the given colours and shares, each pixel jittered by ±noise per channel. */
function image(areas: [hex: string, share: number][], options: { pixels?: number; noise?: number; channels?: 3 | 4; seed?: number } = {}): Pixels {
  const { pixels = 128 * 128, noise = 6, channels = 4 } = options;
  let state = options.seed ?? 1;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const data = new Uint8Array(pixels * channels);
  let p = 0;
  for (const [hex, share] of areas) {
    const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    for (const end = Math.min(pixels, p + Math.round(pixels * share)); p < end; p++) {
      for (let c = 0; c < 3; c++) data[p * channels + c] = Math.max(0, Math.min(255, rgb[c]! + Math.round((random() * 2 - 1) * noise)));
      if (channels === 4) data[p * channels + 3] = 255;
    }
  }
  return { data: data.subarray(0, p * channels), channels };
}

const poster: [string, number][] = [['#f4f1ea', 0.5], ['#1f5fbf', 0.25], ['#1a1a1a', 0.15], ['#e4572e', 0.1]];

describe('palette extraction', () => {
  it('finds the main colours with their shares, largest first', () => {
    const swatches = extractPalette(image(poster), { count: 6 });
    expect(swatches.map((s) => s.share)).to.satisfy((shares: number[]) => shares.every((s, i) => i === 0 || s <= shares[i - 1]!));
    expect(swatches.reduce((sum, s) => sum + s.share, 0)).to.be.closeTo(1, 1e-9);
    expect(swatches).to.have.length(4);
    poster.forEach(([hex, share], i) => {
      expect(deltaEOk(hexToOklab(swatches[i]!.hex), hexToOklab(hex)), hex).to.be.below(0.02);
      expect(swatches[i]!.share).to.be.closeTo(share, 0.01);
    });
  });

  it('suggests roles: the large low-chroma area as background, the best contrast as text, salient chroma as primary and accent', () => {
    const swatches = extractPalette(image(poster));
    expect(swatches.map((s) => s.role)).to.deep.equal(['background', 'primary', 'text', 'accent']);
    // A big saturated area loses the background role to a smaller grey one.
    const roles = suggestRoles([{ hex: '#1f5fbf', share: 0.6 }, { hex: '#eeeeee', share: 0.3 }, { hex: '#111111', share: 0.1 }]);
    expect(roles).to.deep.equal(['primary', 'background', 'text']);
    expect(suggestRoles([])).to.deep.equal([]);
  });

  it('gives the text role to the colour with the highest contrast against the background', () => {
    const swatches = [{ hex: '#222222', share: 0.5 }, { hex: '#f0f0f0', share: 0.3 }, { hex: '#777777', share: 0.2 }];
    const roles = suggestRoles(swatches);
    const background = swatches[roles.indexOf('background')]!;
    const text = swatches[roles.indexOf('text')]!;
    const others = swatches.filter((s) => s !== background && s !== text);
    for (const other of others) expect(contrastRatio(text.hex, background.hex)).to.be.at.least(contrastRatio(other.hex, background.hex));
  });

  it('returns up to `count` swatches (5–8) and merges near-duplicates', () => {
    const busy = image([['#f4f1ea', 0.3], ['#1f5fbf', 0.15], ['#1a1a1a', 0.15], ['#e4572e', 0.1], ['#2e9e4f', 0.1], ['#f2c14e', 0.1], ['#7b2cbf', 0.1]], { noise: 20 });
    for (const count of [5, 6, 7, 8]) expect(extractPalette(busy, { count })).to.have.length.at.most(count).and.length.at.least(5);
    const twoGreys = extractPalette(image([['#808080', 0.5], ['#838383', 0.5]], { noise: 0 }), { count: 8 });
    expect(twoGreys).to.have.length(1);
    expect(twoGreys[0]!.share).to.equal(1);
  });

  it('is deterministic, reads RGB as well as RGBA, and ignores transparent pixels', () => {
    const rgba = image(poster, { noise: 30 });
    expect(extractPalette(rgba, { count: 8 })).to.deep.equal(extractPalette(rgba, { count: 8 }));
    const rgb = image(poster, { noise: 30, channels: 3 });
    expect(extractPalette(rgb, { count: 8 })).to.deep.equal(extractPalette(rgba, { count: 8 }));
    const withHole = image([['#ff0000', 0.5], ['#0000ff', 0.5]], { noise: 0 });
    // The first quarter of the pixels (half of the red area) is fully transparent.
    for (let p = 0; p < withHole.data.length / 16; p++) withHole.data[p * 4 + 3] = 0;
    const swatches = extractPalette(withHole, { count: 5 });
    expect(swatches.map((s) => s.hex)).to.deep.equal(['#0000ff', '#ff0000']);
    expect(swatches[0]!.share).to.be.closeTo(2 / 3, 0.001);
  });

  it('refuses a count outside 5–8 and an image with no opaque pixel', () => {
    for (const count of [4, 9, 5.5]) {
      expect(() => extractPalette(image(poster), { count })).to.throw(ValidationFailed).with.property('errors').that.deep.equals([
        { path: 'count', message: 'must be a whole number from 5 to 8' },
      ]);
    }
    expect(() => extractPalette({ data: new Uint8Array(400), channels: 4 })).to.throw(ValidationFailed, '1 field is invalid');
    expect(() => extractPalette({ data: new Uint8Array(0), channels: 3 })).to.throw(ValidationFailed);
  });
});

describe('palette distance', () => {
  const points = (hexes: string[]) => hexes.map(hexToOklab);

  it('is zero for the same colours in any order or repetition, and symmetric', () => {
    expect(paletteDistance(points(['#ff0000', '#00ff00']), points(['#00ff00', '#ff0000', '#ff0000']))).to.equal(0);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('#0b3d91', '#e0f7fa', '#ff6f61', '#222222', '#ffd166'), { minLength: 1, maxLength: 5 }), fc.array(fc.constantFrom('#000000', '#ffffff', '#0b3d92'), { minLength: 1, maxLength: 5 }), (a, b) => {
        expect(paletteDistance(points(a), points(b))).to.be.closeTo(paletteDistance(points(b), points(a)), 1e-12);
      }),
    );
  });

  it('ranks a palette with one colour changed nearer than an unrelated one, black against white about 1', () => {
    const ocean = points(['#0b3d91', '#e0f7fa', '#00a6a6']);
    const oceanVariant = points(['#0b3d91', '#e0f7fa', '#00b0a0']);
    const sunset = points(['#ff6f61', '#ffd166', '#6a0572']);
    expect(paletteDistance(ocean, oceanVariant)).to.be.below(paletteDistance(ocean, sunset));
    expect(paletteDistance(points(['#000000']), points(['#ffffff']))).to.be.closeTo(1, 1e-6);
    // Pairing colour to colour: an extra colour near one already there barely moves the distance.
    expect(paletteDistance(ocean, [...ocean, hexToOklab('#0b3d92')])).to.be.below(0.001);
    expect(() => paletteDistance([], ocean)).to.throw(RangeError);
  });
});

describe('shade scale', () => {
  it('runs 50 to 950 from light to dark in the colour\'s hue, all valid hex', () => {
    const scale = shadeScale('#1f5fbf');
    expect(scale.map((s) => s.step)).to.deep.equal([...SHADE_STEPS]);
    const lch = scale.map((s) => hexToOklch(s.hex));
    lch.forEach((c, i) => {
      expect(scale[i]!.hex).to.match(/^#[0-9a-f]{6}$/);
      if (i > 0) expect(c.l).to.be.below(lch[i - 1]!.l);
    });
    for (const c of lch.slice(2, 10)) expect(c.h).to.be.closeTo(hexToOklch('#1f5fbf').h, 3);
    expect(shadeScale('#777777').every((s) => hexToOklch(s.hex).c < 1e-6)).to.equal(true);
  });
});
