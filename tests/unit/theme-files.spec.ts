import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { LruRenderedCache } from '../../adapters/images/lru-rendered-cache.ts';
import { SharpImageProcessor } from '../../adapters/images/sharp-image-processor.ts';
import { ThemeFiles } from '../../application/themes/theme-files.ts';
import { Theme } from '../../domain/themes/theme.ts';
import { T0 } from '../contract/persistence-kit.ts';

/** The real renderer, counting what it is asked to draw. */
class CountingProcessor extends SharpImageProcessor {
  renders = 0;

  override renderPng(svg: string, width: number): Promise<Uint8Array> {
    this.renders += 1;
    return super.renderPng(svg, width);
  }
}

const aTheme = (colors = ['#0b3d91', '#e0f7fa']) =>
  Theme.create(
    {
      id: randomUUID(),
      ownerId: randomUUID(),
      slug: 'ocean',
      name: 'Ocean',
      description: '',
      status: 'published',
      categoryId: null,
      colors: colors.map((hex, i) => ({ name: `c${i}`, hex, role: i === 0 ? 'text' : 'background' })),
      tags: [],
    },
    T0,
  );

describe('ThemeFiles: swatch-card PNGs rendered once per theme version and size', () => {
  let processor: CountingProcessor;
  let cache: LruRenderedCache;
  let files: ThemeFiles;

  beforeEach(() => {
    processor = new CountingProcessor(40_000_000);
    cache = new LruRenderedCache(8 * 1024 * 1024);
    files = new ThemeFiles(processor, cache);
  });

  it('serves a version from the cache after its first render, also to requests that arrive together', async () => {
    const theme = aTheme();
    const [first, ...others] = await Promise.all(Array.from({ length: 5 }, () => files.encode(theme, 'png')));
    expect(processor.renders).to.equal(1);
    for (const other of others) expect(Buffer.compare(Buffer.from(other.file.body), Buffer.from(first!.file.body))).to.equal(0);
    await files.encode(theme, 'png');
    expect(processor.renders).to.equal(1);
    expect(first!.file).to.include({ fileName: 'ocean.png', mediaType: 'image/png' });
    expect(await sharp(first!.file.body).metadata()).to.include({ format: 'png', width: 960 });
  });

  it('renders again for a new version, and once for each size', async () => {
    const theme = aTheme();
    await files.encode(theme, 'png');
    await files.encode(theme, 'png', { size: 'thumbnail' });
    expect(processor.renders).to.equal(2);
    theme.edit({ colors: [{ name: 'x', hex: '#000000', role: 'text' }, { name: 'y', hex: '#ffffff', role: 'background' }] }, T0);
    const changed = await files.encode(theme, 'png');
    expect(processor.renders).to.equal(3);
    expect(changed.version).to.equal(2);
    // Text formats are encoded from the theme every time; they never touch the renderer.
    await files.encode(theme, 'svg');
    expect(processor.renders).to.equal(3);
  });

  it('keeps at most its byte budget, dropping the least recently used card first', async () => {
    const small = new ThemeFiles(processor, new LruRenderedCache(1024 * 1024));
    const one = await small.encode(aTheme(), 'png');
    const size = one.file.body.length;
    expect(size).to.be.within(10_000, 200_000);
    const budget = new LruRenderedCache(Math.floor(size * 2.5));
    const bounded = new ThemeFiles(processor, budget);
    const themes = [aTheme(), aTheme(), aTheme()];
    processor.renders = 0;
    for (const theme of themes) await bounded.encode(theme, 'png');
    expect(budget.size).to.be.at.most(Math.floor(size * 2.5));
    await bounded.encode(themes[2]!, 'png');
    await bounded.encode(themes[1]!, 'png');
    expect(processor.renders).to.equal(3);
    await bounded.encode(themes[0]!, 'png');
    expect(processor.renders).to.equal(4);
  });
});
