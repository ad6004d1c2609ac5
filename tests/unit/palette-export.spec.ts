import { expect } from 'chai';
import { loadPalette } from 'anypalette';
import { read as readAse } from 'ase-util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as sass from 'sass';
import sharp from 'sharp';
import { compile } from 'tailwindcss';
import type { PaletteColor } from '../../domain/color/palette.ts';
import { shadeScale } from '../../domain/color/shades.ts';
import { encodeTheme, EXPORT_FORMATS, toCss, type ExportFormat } from '../../domain/themes/export.ts';
import { styleDictionaryCssVariables } from '../support/consumers.ts';

type Theme = { name: string; slug: string; colors: PaletteColor[] };

const ocean: Theme = {
  name: 'Ocean Breeze',
  slug: 'ocean-breeze',
  colors: [
    { name: 'Deep', hex: '#0b3d91', role: 'primary' },
    { name: 'Foam', hex: '#e0f7fa', role: 'background' },
    { name: 'Ink', hex: '#102a43', role: 'text' },
    { name: 'Coral', hex: '#ff6f61', role: 'accent' },
  ],
};

/** Names every format must make safe: spaces, accents, a leading digit, `_` vs `-`, markup, control characters. */
const awkward: Theme = {
  name: 'Sea <& "Sky"> \'24\u0007\nnight',
  slug: 'sea-sky-24',
  colors: [
    { name: 'Deep sea', hex: '#0b3d91', role: 'primary' },
    { name: 'Écume', hex: '#e0f7fa', role: 'background' },
    { name: 'ink_dark', hex: '#111111', role: 'text' },
    { name: 'ink-dark', hex: '#222222', role: null },
    { name: '42 <b>Coral</b> ✨', hex: '#ff6f61', role: 'accent' },
    { name: 'Tab\there\u0000', hex: '#00a6a6', role: null },
  ],
};
/** The colour names as formats with one-line names show them. */
const awkwardNames = ['Deep sea', 'Écume', 'ink_dark', 'ink-dark', '42 <b>Coral</b> ✨', 'Tab here'];

const text = (format: ExportFormat, theme = ocean, options = {}) => encodeTheme(theme, format, options).body as string;
const bytes = (format: ExportFormat, theme = ocean) => encodeTheme(theme, format).body as Uint8Array;

/** AnyPalette (the palette reader of JS Paint) loads synchronously when given data. */
function anyPalette(data: Uint8Array, fileName: string) {
  let result: { name: string | undefined; format: string; colors: { name: string | undefined; rgb: number[] }[] } | undefined;
  loadPalette({ data: data.slice().buffer, fileName }, (error, palette, format) => {
    if (error) throw error;
    result = { name: palette!.name, format: format!.name, colors: palette!.map((c) => ({ name: c.name, rgb: [c.red, c.green, c.blue].map((v) => Math.round(v * 255)) })) };
  });
  return result!;
}

const rgbOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

describe('theme export formats, opened by their real consumers', () => {
  it('names each file <slug>.<extension> with its media type, for every format', () => {
    const files = EXPORT_FORMATS.map((format) => encodeTheme(ocean, format));
    expect(files.map((f) => f.fileName)).to.deep.equal([
      'ocean-breeze.css',
      'ocean-breeze.tokens.json',
      'ocean-breeze.tailwind.css',
      'ocean-breeze.scss',
      'ocean-breeze.gpl',
      'ocean-breeze.ase',
      'ocean-breeze.pal',
      'ocean-breeze.hex',
      'ocean-breeze.svg',
    ]);
    expect(files.map((f) => f.mediaType.split(';')[0])).to.deep.equal([
      'text/css',
      'application/design-tokens+json',
      'text/css',
      'text/x-scss',
      'application/x-gimp-palette',
      'application/octet-stream',
      'text/plain',
      'text/plain',
      'image/svg+xml',
    ]);
    for (const format of EXPORT_FORMATS) expect(encodeTheme(awkward, format)).to.deep.equal(encodeTheme(awkward, format), `${format} is deterministic`);
  });

  it('css: keeps the existing output (role variables, then one per colour)', () => {
    expect(text('css')).to.equal(
      '/* Ocean Breeze */\n:root {\n  --primary: #0b3d91;\n  --background: #e0f7fa;\n  --text: #102a43;\n  --accent: #ff6f61;\n' +
        '  --deep: #0b3d91;\n  --foam: #e0f7fa;\n  --ink: #102a43;\n  --coral: #ff6f61;\n}\n',
    );
    expect(toCss(ocean)).to.equal(text('css'));
  });

  it('json: W3C Design Tokens 2025.10 that Style Dictionary 5 builds into CSS variables', async () => {
    const tokens = JSON.parse(text('json', awkward));
    expect(tokens.color.$type).to.equal('color');
    expect(tokens.color['deep-sea']).to.deep.equal({
      $value: { colorSpace: 'srgb', components: [0.0431, 0.2392, 0.5686], hex: '#0b3d91' },
      $extensions: { 'themes-api': { name: 'Deep sea', role: 'primary' } },
    });
    expect(Object.keys(tokens.color)).to.deep.equal(['$type', 'deep-sea', 'ecume', 'ink-dark', 'ink-dark-2', 'c-42-b-coral-b', 'tab-here']);

    expect(await styleDictionaryCssVariables(tokens)).to.deep.equal(awkward.colors.map((c, i) => [`color-${Object.keys(tokens.color)[i + 1]}`, c.hex]));
  });

  it('tailwind: a v4 @theme block that tailwindcss compiles into utilities, with an optional OKLCH shade scale', async () => {
    const css = text('tailwind', awkward, { shades: true });
    const compiler = await compile(`${css}\n@tailwind utilities;`);
    const out = compiler.build(['bg-primary', 'text-deep-sea-50', 'border-ink-dark-2', 'bg-c-42-b-coral-b-950', 'fill-tab-here']);
    expect(out).to.include('.bg-primary {\n  background-color: var(--color-primary);');
    expect(out).to.include('--color-primary: #0b3d91;');
    expect(out).to.include(`--color-deep-sea-50: ${shadeScale('#0b3d91')[0]!.hex};`);
    expect(out).to.include('--color-ink-dark-2: #222222;');
    expect(out).to.include('.bg-c-42-b-coral-b-950');
    expect(out).to.include('.fill-tab-here');
    expect(text('tailwind')).not.to.include('-50:');
    expect(text('tailwind')).to.include('@theme {\n  --color-primary: #0b3d91;');
  });

  it('scss: variables and a $palette map that Sass compiles, names distinct despite Sass equating - and _', () => {
    const scss = text('scss', awkward);
    const probe = '.probe { @each $name, $value in $palette { --#{$name}: #{$value}; } }';
    const compiled = sass.compileString(`${scss}\n${probe}\n.direct { color: $ink-dark; border-color: $ink-dark-2; }`).css;
    expect(compiled).to.include('--primary: #0b3d91;');
    expect(compiled).to.include('--c-42-b-coral-b: #ff6f61;');
    expect(compiled).to.include('.direct {\n  color: #111111;\n  border-color: #222222;\n}');
    expect(scss.split('\n')[0]).to.equal(`// Sea <& "Sky"> '24 night`);
  });

  it('gpl: a GIMP palette that AnyPalette reads back with names and colours', () => {
    const palette = anyPalette(new TextEncoder().encode(text('gpl', awkward)), 'sea.gpl');
    expect(palette.format).to.equal('GIMP palette');
    expect(palette.name).to.equal(`Sea <& "Sky"> '24 night`);
    expect(palette.colors).to.deep.equal(awkward.colors.map((c, i) => ({ name: awkwardNames[i], rgb: rgbOf(c.hex) })));
  });

  it('pal: a JASC palette that AnyPalette reads back', () => {
    const palette = anyPalette(new TextEncoder().encode(text('pal')), 'ocean.pal');
    expect(palette.format).to.equal('Paint Shop Pro palette');
    expect(palette.colors.map((c) => c.rgb)).to.deep.equal(ocean.colors.map((c) => rgbOf(c.hex)));
    expect(text('pal')).to.match(/^JASC-PAL\r\n0100\r\n4\r\n11 61 145\r\n/);
  });

  it('ase: Adobe Swatch Exchange that ase-util and AnyPalette decode, UTF-16 names in a group named after the theme', () => {
    const ase = bytes('ase', awkward);
    const [group, ...rest] = readAse(Buffer.from(ase));
    expect(rest).to.deep.equal([]);
    if (group?.type !== 'group') throw new Error('expected one group');
    expect(group.name).to.equal(`Sea <& "Sky"> '24 night`);
    expect(group.entries.map((e) => e.name)).to.deep.equal(awkwardNames);
    expect(group.entries.map((e) => [e.color.model, e.color.type])).to.deep.equal(awkward.colors.map(() => ['RGB', 'global']));
    expect(group.entries.map((e) => [e.color.r, e.color.g, e.color.b].map((v) => Math.round(v * 255)))).to.deep.equal(awkward.colors.map((c) => rgbOf(c.hex)));
    const viaAnyPalette = anyPalette(ase, 'sea.ase');
    expect(viaAnyPalette.colors.map((c) => c.rgb)).to.deep.equal(awkward.colors.map((c) => rgbOf(c.hex)));
    expect(Buffer.from(ase.subarray(0, 4)).toString('latin1')).to.equal('ASEF');
  });

  it('hex: one rrggbb per line', () => {
    expect(text('hex')).to.equal('0b3d91\ne0f7fa\n102a43\nff6f61\n');
  });

  it('svg: a well-formed swatch card with every name, hex, role and a contrast badge per role pair, all text escaped', async () => {
    const svg = text('svg', awkward);
    expect(XMLValidator.validate(svg)).to.equal(true);
    const texts: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'text') for (const t of [value].flat()) texts.push(String((t as { '#text': unknown })['#text']));
          else collect(value);
        }
      }
    };
    const document = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false }).parse(svg);
    collect(document);
    expect(document.svg.title['#text']).to.equal(`Sea <& "Sky"> '24 night`);
    expect(texts).to.include.members(['Deep sea', 'Écume', '42 <b>Coral</b> ✨', 'Tab here', '#0B3D91', 'primary', 'background', 'text', 'accent']);
    expect(texts).to.include.members(['Text on background', 'Primary on background', 'Accent on background (UI)', 'Contrast']);
    expect(texts.filter((t) => /^\d+\.\d\d:1$/.test(t))).to.have.length(3);
    for (const raw of ['<b>', '\u0007', '\u0000', '\t']) expect(svg).not.to.include(raw);

    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width]).to.deep.equal(['png', 960]);
  });

  it('svg: a palette without role pairs has no contrast section', () => {
    const svg = text('svg', { name: 'Plain', slug: 'plain', colors: [{ name: 'Only', hex: '#123456', role: null }] });
    expect(XMLValidator.validate(svg)).to.equal(true);
    expect(svg).not.to.include('Contrast');
    expect(svg).to.include('fill="#123456"');
  });
});
