import { expect } from 'chai';
import { paletteDistance } from '../../domain/color/similarity.ts';
import { formatHex, hexToOklab } from '../../domain/color/spaces.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import type { Theme } from '../../domain/themes/theme.ts';
import { contractSuite } from './coverage.ts';
import { insertTheme, kitPerTest, savedUserIds, T0, type MakeKit, type ThemeProps } from './persistence-kit.ts';

/** A small seeded generator, so every run (and both adapters) see the same catalogue. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const oklab = (hexes: readonly string[]) => hexes.map(hexToOklab);

/** SimilarPalettes: exact top-N by the domain's palette distance, published themes only. */
export function similarPalettesContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.SimilarPalettes, name, () => {
    const kit = kitPerTest(make);
    let owner: string;
    const add = (props: Partial<ThemeProps>) => insertTheme(kit, { ownerId: owner, ...props });
    /** What the port must answer, computed the slow way from the themes themselves. */
    const bruteForce = (query: readonly string[], themes: Theme[], excluding: string, limit: number) =>
      themes
        .filter((t) => t.status === 'published' && t.id !== excluding)
        .map((t) => ({ themeId: t.id, distance: paletteDistance(oklab(query), oklab(t.colors.map((c) => c.hex))) }))
        .sort((x, y) => x.distance - y.distance || (x.themeId < y.themeId ? -1 : 1))
        .slice(0, limit);

    beforeEach(async () => {
      [owner] = (await savedUserIds(kit, 1)) as [string];
    });

    it('answers the exact nearest published themes, nearest first, for near, far and lonely palettes alike', async () => {
      const random = seeded(7);
      const hex = () => formatHex({ r: random(), g: random(), b: random() });
      // Families of near variations (neighbours within a small radius) and scattered strangers, some drafts.
      const themes: Theme[] = [];
      for (let family = 0; family < 6; family++) {
        const base = Array.from({ length: 3 + family % 3 }, hex);
        for (let member = 0; member < 5; member++) {
          const colors = base.map((h) => {
            const c = parseInt(h.slice(1), 16);
            const nudge = (shift: number) => Math.min(255, Math.max(0, ((c >> shift) & 255) + Math.round((random() - 0.5) * 24)));
            return formatHex({ r: nudge(16) / 255, g: nudge(8) / 255, b: nudge(0) / 255 });
          });
          themes.push(await add({ colors, status: member === 4 ? 'draft' : 'published' }));
        }
      }
      for (let i = 0; i < 12; i++) themes.push(await add({ colors: Array.from({ length: 1 + (i % 6) }, hex) }));

      const queries: { palette: string[]; excluding: string }[] = [
        ...themes.slice(0, 30).filter((_, i) => i % 7 === 0).map((t) => ({ palette: t.colors.map((c) => c.hex), excluding: t.id })),
        { palette: ['#000000'], excluding: themes[0]!.id },
        { palette: ['#ffffff', '#ff00ff', '#00ff00'], excluding: themes[0]!.id },
      ];
      for (const query of queries)
        for (const limit of [1, 3, 10, 50]) {
          const found = await kit.similar.nearest(oklab(query.palette), { excluding: query.excluding, limit });
          expect(found, `${query.palette.join(' ')} limit ${limit}`).to.deep.equal(bruteForce(query.palette, themes, query.excluding, limit));
        }
    });

    it('leaves out drafts and the theme itself, breaks equal distances by id, and follows changes, unpublishing and deletion', async () => {
      const subject = await add({ colors: ['#336699', '#f0f0f0'] });
      const twins = [await add({ colors: ['#f0f0f0', '#336699'] }), await add({ colors: ['#336699', '#f0f0f0', '#336699'] })];
      const draft = await add({ colors: ['#336699', '#f0f0f0'], status: 'draft' });
      const far = await add({ colors: ['#ff0000'] });
      const found = await kit.similar.nearest(oklab(['#336699', '#f0f0f0']), { excluding: subject.id, limit: 10 });
      expect(found.map((m) => m.themeId)).to.deep.equal([...twins.map((t) => t.id).sort(), far.id]);
      expect(found.slice(0, 2).map((m) => m.distance)).to.deep.equal([0, 0]);

      // Repainted, the far theme becomes the nearest; published, the draft is found.
      const repainted = (await kit.themes.findById(far.id))!;
      repainted.edit({ colors: [{ name: 'a', hex: '#336699' }, { name: 'b', hex: '#f0f0f1' }] }, T0);
      await kit.themes.update(repainted, 1);
      const published = (await kit.themes.findById(draft.id))!;
      published.edit({ status: 'published' }, T0);
      await kit.themes.update(published, 1);
      const after = await kit.similar.nearest(oklab(['#336699', '#f0f0f0']), { excluding: subject.id, limit: 10 });
      expect(after.map((m) => m.themeId)).to.deep.equal([...[...twins, draft].map((t) => t.id).sort(), far.id]);
      expect(after[3]!.distance).to.be.greaterThan(0).and.below(0.002);

      // Unpublished or deleted, a theme is never found again.
      const unpublished = (await kit.themes.findById(draft.id))!;
      unpublished.edit({ status: 'draft' }, T0);
      await kit.themes.update(unpublished, 2);
      await kit.themes.delete(twins[0]!.id);
      const left = await kit.similar.nearest(oklab(['#336699', '#f0f0f0']), { excluding: subject.id, limit: 10 });
      expect(left.map((m) => m.themeId)).to.deep.equal([twins[1]!.id, far.id]);
    });
  });
}
