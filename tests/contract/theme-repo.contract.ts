import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { ThemeKey, ThemeOrder, ThemeQuery } from '../../application/ports/theme-repo.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { SlugTaken, VersionConflict } from '../../domain/errors.ts';
import { hexToLab } from '../../domain/themes/color.ts';
import { Theme } from '../../domain/themes/theme.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { contractSuite } from './coverage.ts';
import { aCategory, anImageRecord, at, insertTheme, kitPerTest, savedUserIds, T0, type MakeKit, type ThemeProps } from './persistence-kit.ts';

export function themeRepoContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.ThemeRepo, name, () => {
    const kit = kitPerTest(make);
    let owner: string;
    let other: string;
    const add = (props: Partial<ThemeProps> = {}) => insertTheme(kit, { ownerId: owner, ...props });
    const search = (query: Partial<ThemeQuery> = {}) => kit.themes.search({ words: [], order: 'newest', limit: 100, ...query });
    const names = (themes: Theme[]) => themes.map((t) => t.name);

    beforeEach(async () => {
      [owner, other] = (await savedUserIds(kit, 2)) as [string, string];
    });

    describe('storage', () => {
      it('stores and finds a theme by id and slug with its ordered palette, tags and version', async () => {
        const theme = Theme.create(
          {
            id: randomUUID(),
            ownerId: owner,
            slug: 'ocean-breeze',
            name: 'Ocean Breeze',
            description: 'Cool blues',
            status: 'draft',
            categoryId: null,
            colors: [
              { name: 'Deep', hex: '#0b3d91', role: 'primary' },
              { name: 'Foam', hex: '#e0f7fa', role: null },
            ],
            tags: ['blue', 'calm'],
          },
          T0,
        );
        await kit.themes.insert(theme);
        for (const found of [await kit.themes.findById(theme.id), await kit.themes.findBySlug('ocean-breeze')]) {
          expect(found).to.be.instanceOf(Theme);
          expect(found!.toState()).to.deep.equal(theme.toState());
        }
        expect(await kit.themes.findById('not-a-uuid')).to.equal(null);
        expect(await kit.themes.findBySlug('nope')).to.equal(null);
        expect((await kit.themes.findManyByIds([theme.id, randomUUID()])).map((t) => t.id)).to.deep.equal([theme.id]);
      });

      it('refuses a taken slug with SlugTaken, and lists the slugs taken around a base', async () => {
        await add({ slug: 'ocean' });
        await add({ slug: 'ocean-2' });
        await add({ slug: 'oceanic' });
        expect(await rejectionOf(add({ slug: 'ocean' }))).to.be.instanceOf(SlugTaken);
        expect([...(await kit.themes.slugsLike('ocean'))].sort()).to.deep.equal(['ocean', 'ocean-2']);
      });

      it('writes an update only over the version it was loaded with: of two concurrent updates exactly one wins', async () => {
        const theme = await add({ name: 'Before' });
        const first = (await kit.themes.findById(theme.id))!;
        const second = (await kit.themes.findById(theme.id))!;
        first.edit({ name: 'First' }, at(1));
        second.edit({ name: 'Second' }, at(2));
        const results = await Promise.allSettled([kit.themes.update(first, 1), kit.themes.update(second, 1)]);
        expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
        const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(loser.reason).to.be.instanceOf(VersionConflict);
        const stored = (await kit.themes.findById(theme.id))!;
        expect(stored.version).to.equal(2);
        expect(['First', 'Second']).to.include(stored.name);
      });

      it('keeps the favourite count of the store when a theme is updated', async () => {
        const theme = await add();
        const loaded = (await kit.themes.findById(theme.id))!;
        await kit.themes.adjustFavoriteCounts([theme.id], +1);
        loaded.edit({ description: 'changed' }, at(1));
        await kit.themes.update(loaded, 1);
        expect((await kit.themes.findById(theme.id))!.favoriteCount).to.equal(1);
      });

      it('keeps favourite counts right under concurrent adjustments', async () => {
        const theme = await add();
        await Promise.all(Array.from({ length: 20 }, () => kit.themes.adjustFavoriteCounts([theme.id], +1)));
        await Promise.all(Array.from({ length: 5 }, () => kit.themes.adjustFavoriteCounts([theme.id], -1)));
        expect((await kit.themes.findById(theme.id))!.favoriteCount).to.equal(15);
      });

      it('deletes one theme, or all of an owner', async () => {
        const a = await add();
        const b = await add();
        const theirs = await add({ ownerId: other });
        await kit.themes.delete(a.id);
        expect(await kit.themes.findById(a.id)).to.equal(null);
        expect(await kit.themes.deleteAllOfOwner(owner)).to.deep.equal([b.id]);
        expect(await kit.themes.findById(theirs.id)).to.not.equal(null);
      });

      it('takes its favourites and images with a deleted theme', async () => {
        const theme = await add();
        await kit.favorites.add(other, theme.id, T0);
        const image = anImageRecord({ ownerId: owner, themeId: theme.id });
        await kit.images.insert(image);
        await kit.themes.delete(theme.id);
        expect(await kit.favorites.listOf(other, { limit: 10 })).to.deep.equal([]);
        expect(await kit.images.findById(image.id)).to.equal(null);
      });

      it('counts the themes of a category, drafts included', async () => {
        const dark = aCategory('dark');
        await kit.categories.save(dark);
        await add({ categoryId: dark.id });
        await add({ categoryId: dark.id, status: 'draft' });
        await add();
        expect(await kit.themes.countInCategory(dark.id)).to.equal(2);
      });
    });

    describe('search', () => {
      it('lists published themes only, plus the drafts of `draftsOf`', async () => {
        await add({ name: 'Pub' });
        await add({ name: 'Mine', status: 'draft' });
        await add({ name: 'Theirs', status: 'draft', ownerId: other });
        expect(names(await search())).to.deep.equal(['Pub']);
        expect(names(await search({ ownerId: owner, draftsOf: owner })).sort()).to.deep.equal(['Mine', 'Pub']);
        expect(names(await search({ ownerId: other }))).to.deep.equal([]);
      });

      it('filters by owner, category and tag, combined', async () => {
        const dark = aCategory('dark');
        await kit.categories.save(dark);
        await add({ name: 'A', categoryId: dark.id, tags: ['blue', 'calm'] });
        await add({ name: 'B', categoryId: dark.id, tags: ['red'] });
        await add({ name: 'C', tags: ['blue'] });
        await add({ name: 'D', categoryId: dark.id, tags: ['blue'], ownerId: other });
        expect(names(await search({ categoryId: dark.id, tag: 'blue', ownerId: owner }))).to.deep.equal(['A']);
        expect(names(await search({ tag: 'blue' })).sort()).to.deep.equal(['A', 'C', 'D']);
      });

      it('matches every query word against the start of a word of name, description or tags', async () => {
        await add({ name: 'Ocean Breeze', description: 'Cool blues for calm evenings', tags: ['summer-night'] });
        await add({ name: 'Forest', description: 'Greens and browns' });
        await add({ name: "L'Été", description: 'warm' });
        const find = async (...words: string[]) => names(await search({ words }));
        expect(await find('ocean')).to.deep.equal(['Ocean Breeze']);
        expect(await find('oce', 'calm')).to.deep.equal(['Ocean Breeze']);
        expect(await find('night')).to.deep.equal(['Ocean Breeze']);
        expect(await find('breeze', 'green')).to.deep.equal([]);
        expect(await find('cean')).to.deep.equal([]);
        expect(await find('été')).to.deep.equal(["L'Été"]);
        expect(await find('l')).to.deep.equal(["L'Été"]);
      });

      it('finds palettes with a colour within ΔE 12: just inside matches, just outside does not', async () => {
        const base = hexToLab('#808080');
        const distance = (hex: string) => Math.sqrt(((x) => x.l * x.l + x.a * x.a + x.b * x.b)({ l: hexToLab(hex).l - base.l, a: hexToLab(hex).a - base.a, b: hexToLab(hex).b - base.b }));
        expect(distance('#668076')).to.be.within(11.99, 12);
        expect(distance('#8c8093')).to.be.within(12, 12.001);
        await add({ name: 'Inside', colors: ['#ffffff', '#668076'] });
        await add({ name: 'Outside', colors: ['#8c8093'] });
        await add({ name: 'Far', colors: ['#ff0000'] });
        expect(names(await search({ near: { color: base, distance: 12 } }))).to.deep.equal(['Inside']);
      });

      const sorts: Record<ThemeOrder, (a: ThemeKey, b: ThemeKey) => number> = {
        newest: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id > a.id ? 1 : -1),
        oldest: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id > b.id ? 1 : -1),
        name: (a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.id > b.id ? 1 : -1),
        mostFavorited: (a, b) => b.favoriteCount - a.favoriteCount || b.createdAt.getTime() - a.createdAt.getTime() || (b.id > a.id ? 1 : -1),
      };

      for (const order of Object.keys(sorts) as ThemeOrder[]) {
        it(`pages through ties in order ${order} without repeating or skipping, while others write`, async () => {
          // Many ties: three timestamps, three names, two favourite counts.
          const themes: Theme[] = [];
          for (let i = 0; i < 15; i++) {
            themes.push(await add({ name: ['Alpha', 'beta', 'Gamma'][i % 3]!, createdAt: at(i % 3) }));
            if (i % 2) await kit.themes.adjustFavoriteCounts([themes[i]!.id], +1);
          }
          const expected = (await kit.themes.findManyByIds(themes.map((t) => t.id))).sort(sorts[order]).map((t) => t.id);
          const seen: string[] = [];
          let after: ThemeKey | undefined;
          for (let page = 0; page < 10; page++) {
            const items = await search({ order, after, limit: 4 });
            seen.push(...items.map((t) => t.id));
            // Writes between pages: new themes, and a draft, none of which may disturb the paging.
            await add({ name: 'Alpha', createdAt: at(5) });
            await add({ name: 'beta', status: 'draft', createdAt: at(1) });
            if (items.length < 4) break;
            after = items.at(-1);
          }
          const existing = seen.filter((id) => expected.includes(id));
          expect(existing).to.deep.equal(expected);
        });
      }
    });
  });
}
