import { expect } from 'chai';
import fc from 'fast-check';
import { accessibilityReport, accessibilitySummary } from '../../domain/color/accessibility.ts';
import {
  checkRolePairs,
  contrastMatrix,
  contrastRatio,
  displayRatio,
  gradeContrast,
  levelsReaching,
  nearestPassingColor,
  relativeLuminance,
} from '../../domain/color/contrast.ts';
import type { PaletteColor } from '../../domain/color/palette.ts';
import { hexToOklch, oklchToHex } from '../../domain/color/spaces.ts';
import { applyCvdMatrix, checkColorVision, CVD_TYPES, simulateCvd, type CvdType } from '../../domain/color/vision.ts';
import { hexColor } from '../support/arbitraries.ts';

const colour = (name: string, hex: string, role: PaletteColor['role'] = null): PaletteColor => ({ name, hex, role });

describe('WCAG 2.2 contrast', () => {
  it('gives the reference ratios: black on white 21:1, #777777 on white 4.48:1 (which fails AA)', () => {
    expect(contrastRatio('#000000', '#ffffff')).to.be.closeTo(21, 1e-9);
    expect(displayRatio(contrastRatio('#000000', '#ffffff'))).to.equal(21);
    expect(contrastRatio('#777777', '#ffffff').toFixed(2)).to.equal('4.48');
    expect(gradeContrast(contrastRatio('#777777', '#ffffff')).normalText).to.equal('fail');
    expect(contrastRatio('#ffffff', '#777777')).to.equal(contrastRatio('#777777', '#ffffff'));
    expect(relativeLuminance('#ffffff')).to.equal(1);
    expect(relativeLuminance('#000000')).to.equal(0);
  });

  it('shows ratios cut, never rounded up past a threshold they miss', () => {
    expect(displayRatio(4.4999)).to.equal(4.49);
    expect(displayRatio(contrastRatio('#777777', '#ffffff'))).to.equal(4.47);
    expect(displayRatio(7)).to.equal(7);
  });

  it('grades normal text (4.5 / 7), large text (3 / 4.5) and UI components (3)', () => {
    expect(gradeContrast(2.99)).to.deep.equal({ normalText: 'fail', largeText: 'fail', uiComponents: 'fail' });
    expect(gradeContrast(3)).to.deep.equal({ normalText: 'fail', largeText: 'AA', uiComponents: 'AA' });
    expect(gradeContrast(4.5)).to.deep.equal({ normalText: 'AA', largeText: 'AAA', uiComponents: 'AA' });
    expect(gradeContrast(6.99)).to.deep.equal({ normalText: 'AA', largeText: 'AAA', uiComponents: 'AA' });
    expect(gradeContrast(7)).to.deep.equal({ normalText: 'AAA', largeText: 'AAA', uiComponents: 'AA' });
  });

  it('a level is reached by itself and the levels above it (what the `accessible` filter lets through)', () => {
    expect(levelsReaching('AAA')).to.deep.equal(['AAA']);
    expect(levelsReaching('AA')).to.deep.equal(['AAA', 'AA']);
    expect(levelsReaching('fail')).to.deep.equal(['AAA', 'AA', 'fail']);
  });

  it('rates every pair of palette colours once', () => {
    const pairs = contrastMatrix(['#000000', '#ffffff', '#777777', '#0b3d91']);
    expect(pairs.map((p) => [p.a, p.b])).to.deep.equal([[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
    expect(pairs[0]!.grades.normalText).to.equal('AAA');
    expect(pairs[3]!.ratio).to.equal(contrastRatio('#ffffff', '#777777'));
  });
});

describe('role pairs and fixes', () => {
  const palette = [
    colour('Ink', '#777777', 'text'),
    colour('Paper', '#ffffff', 'background'),
    colour('Card', '#f4f4f4', 'surface'),
    colour('Sky', '#4a90e2', 'primary'),
    colour('Sun', '#ffcc00', 'accent'),
    colour('Unused', '#ff00ff'),
  ];

  it('checks the documented role pairs the palette has, text pairs at 4.5:1 and UI pairs at 3:1', () => {
    const results = checkRolePairs(palette);
    expect(results.map((r) => `${r.foreground}/${r.background}/${r.use}`)).to.deep.equal([
      'text/background/text',
      'text/surface/text',
      'primary/background/text',
      'accent/background/ui',
    ]);
    expect(results.every((r) => !r.passes)).to.equal(true);
    expect(checkRolePairs([colour('Ink', '#000000', 'text'), colour('Paper', '#ffffff', 'background')])[0]).to.include({ passes: true, fix: null });
    expect(checkRolePairs([colour('Ink', '#000000', 'text')])).to.deep.equal([]);
  });

  it('suggests, for each failing pair, the foreground moved in lightness to pass AA and AAA', () => {
    for (const result of checkRolePairs(palette)) {
      const fix = result.fix!;
      expect(fix.role).to.equal(result.foreground);
      expect(fix.from).to.equal(result.foregroundHex);
      expect(contrastRatio(fix.aa!, result.backgroundHex)).to.be.at.least(result.use === 'text' ? 4.5 : 3);
      if (result.use === 'text') expect(contrastRatio(fix.aaa!, result.backgroundHex)).to.be.at.least(7);
      else expect(fix.aaa).to.equal(null);
    }
  });

  it('keeps hue and chroma while moving lightness, and moves no further than needed', () => {
    const before = hexToOklch('#4a90e2');
    const fixed = nearestPassingColor('#4a90e2', '#ffffff', 4.5)!;
    const after = hexToOklch(fixed);
    expect(after.l).to.be.below(before.l);
    expect(after.h).to.be.closeTo(before.h, 1);
    expect(after.c).to.be.closeTo(before.c, 0.005);
    // A little less lightness change does not pass yet.
    expect(contrastRatio(oklchToHex({ l: after.l + 0.01, c: before.c, h: before.h }), '#ffffff')).to.be.below(4.5);
    // A grey stays grey.
    expect(hexToOklch(nearestPassingColor('#777777', '#ffffff', 4.5)!).c).to.be.below(1e-6);
  });

  it('moves whichever way is nearer, and answers null when no lightness reaches the target', () => {
    expect(relativeLuminance(nearestPassingColor('#7a7a7a', '#808080', 3)!)).to.be.below(relativeLuminance('#7a7a7a'));
    expect(relativeLuminance(nearestPassingColor('#a0a0a0', '#808080', 3)!)).to.be.above(relativeLuminance('#a0a0a0'));
    expect(relativeLuminance(nearestPassingColor('#555555', '#000000', 7)!)).to.be.above(relativeLuminance('#555555'));
    expect(nearestPassingColor('#777777', '#767676', 7)).to.equal(null);
    expect(nearestPassingColor('#000000', '#ffffff', 4.5)).to.equal('#000000');
  });

  it('always returns a colour that really passes, for any pair (property)', () => {
    fc.assert(
      fc.property(hexColor, hexColor, fc.constantFrom(3, 4.5, 7), (fg, bg, target) => {
        const fixed = nearestPassingColor(fg, bg, target);
        if (fixed === null) {
          expect(contrastRatio('#000000', bg) < target && contrastRatio('#ffffff', bg) < target).to.equal(true);
        } else {
          expect(fixed).to.match(/^#[0-9a-f]{6}$/);
          expect(contrastRatio(fixed, bg)).to.be.at.least(target);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('colour-vision deficiency', () => {
  // Machado, Oliveira & Fernandes (2009), severity 1.0, as published (rows of the matrix).
  const published: Record<CvdType, number[][]> = {
    protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
    tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
  };

  it('applies the published Machado 2009 severity-1.0 matrices to linear RGB', () => {
    for (const type of CVD_TYPES) {
      const m = published[type];
      const columns = [{ r: 1, g: 0, b: 0 }, { r: 0, g: 1, b: 0 }, { r: 0, g: 0, b: 1 }].map((unit) => applyCvdMatrix(type, unit));
      columns.forEach((column, j) => {
        expect([column.r, column.g, column.b], `${type} column ${j}`).to.deep.equal([m[0]![j], m[1]![j], m[2]![j]]);
      });
    }
  });

  it('leaves greys grey and turns red and green alike for deuteranopia', () => {
    for (const type of CVD_TYPES) for (const grey of ['#000000', '#777777', '#ffffff']) expect(simulateCvd(grey, type)).to.equal(grey);
    const report = checkColorVision(['#d62728', '#2ca02c', '#1f77b4', '#ffffff']);
    expect(report.simulated.deuteranopia).to.have.length(4);
    expect(report.warnings.map((w) => [w.type, w.a, w.b])).to.deep.equal([['deuteranopia', 0, 1]]);
    const warning = report.warnings[0]!;
    expect(warning.normalDeltaE).to.be.at.least(10);
    expect(warning.simulatedDeltaE).to.be.below(10);
  });

  it('does not warn about colours that were already alike in normal vision', () => {
    expect(checkColorVision(['#2ca02c', '#2ca12e']).warnings).to.deep.equal([]);
  });
});

describe('accessibility summary and report', () => {
  it('summarises text-on-background contrast, its level, and colour-vision safety', () => {
    expect(accessibilitySummary([colour('Ink', '#111111', 'text'), colour('Paper', '#ffffff', 'background')])).to.deep.equal({
      textContrast: displayRatio(contrastRatio('#111111', '#ffffff')),
      level: 'AAA',
      cvdSafe: true,
    });
    expect(accessibilitySummary([colour('Ink', '#666666', 'text'), colour('Paper', '#ffffff', 'background')]).level).to.equal('AA');
    expect(accessibilitySummary([colour('Ink', '#777777', 'text'), colour('Paper', '#ffffff', 'background')]).level).to.equal('fail');
  });

  it('has no contrast figure without both text and background roles, and flags red/green palettes', () => {
    expect(accessibilitySummary([colour('Red', '#d62728', 'primary'), colour('Green', '#2ca02c', 'accent')])).to.deep.equal({
      textContrast: null,
      level: null,
      cvdSafe: false,
    });
  });

  it('gathers the matrix, the role pairs, the simulations and the summary in one report', () => {
    const colors = [colour('Ink', '#777777', 'text'), colour('Paper', '#ffffff', 'background'), colour('Leaf', '#2ca02c')];
    const report = accessibilityReport(colors);
    expect(report.pairs).to.have.length(3);
    expect(report.rolePairs).to.have.length(1);
    expect(report.colorVision.simulated.protanopia).to.have.length(3);
    expect(report.summary).to.deep.equal(accessibilitySummary(colors));
  });
});
