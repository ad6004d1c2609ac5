import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { ThemeKey, ThemeOrder, ThemeQuery } from '../../application/ports/theme-repo.ts';
import { CategoryInUse, SlugTaken, VersionConflict } from '../../domain/errors.ts';
import { Category } from '../../domain/categories/category.ts';
import { hexToLab } from '../../domain/themes/color.ts';
import { Theme } from '../../domain/themes/theme.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { aCategory, aTheme, aUser, T0, type MakeKit, type PersistenceKit, type ThemeProps } from './persistence-kit.ts';

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** ThemeRepo, CategoryRepo and FavoriteRepo: one contract, since their data refer to each other. */
export function catalogueContract(name: string, make: MakeKit): void {
  describe(`Catalogue contract (ThemeRepo, CategoryRepo, FavoriteRepo): ${name}`, () => {
    let kit: PersistenceKit;
    let owner: string;
    let other: string;
    const add = async (props: Partial<ThemeProps> = {}) => {
      const theme = aTheme({ ownerId: owner, ...props });
      await kit.themes.insert(theme);
      return theme;
    };
    const search = (query: Partial<ThemeQuery> = {}) => kit.themes.search({ words: [], order: 'newest', limit: 100, ...query });
    const names = (themes: Theme[]) => themes.map((t) => t.name);

    beforeEach(async () => {
      kit = await make();
      const a = aUser();
      const b = aUser();
      await kit.users.save(a);
      await kit.users.save(b);
      owner = a.id;
      other = b.id;
    });
    afterEach(() => kit.close());

    describe('themes: storage', () => {
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

      it('deletes one theme, or all of an owner', async () => {
        const a = await add();
        const b = await add();
        const theirs = await add({ ownerId: other });
        await kit.themes.delete(a.id);
        expect(await kit.themes.findById(a.id)).to.equal(null);
        expect(await kit.themes.deleteAllOfOwner(owner)).to.deep.equal([b.id]);
        expect(await kit.themes.findById(theirs.id)).to.not.equal(null);
      });
    });

    describe('themes: search', () => {
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

    describe('categories', () => {
      it('saves, finds, refuses a taken slug, and lists by name with published counts', async () => {
        const b = aCategory('bright', 'bright');
        const a = aCategory('autumn', 'Autumn');
        await kit.categories.save(b);
        await kit.categories.save(a);
        expect(await rejectionOf(kit.categories.save(aCategory('autumn', 'Other')))).to.be.instanceOf(SlugTaken);
        await add({ categoryId: a.id });
        await add({ categoryId: a.id, status: 'draft' });
        const list = await kit.categories.listWithCounts();
        expect(list.map((c) => [c.category.name, c.themeCount])).to.deep.equal([
          ['Autumn', 1],
          ['bright', 0],
        ]);
        expect(await kit.categories.countPublishedThemes(a.id)).to.equal(1);
        expect(await kit.themes.countInCategory(a.id)).to.equal(2);
        const found = await kit.categories.findBySlug('autumn');
        expect(found).to.be.instanceOf(Category);
        expect(found!.toState()).to.deep.equal(a.toState());
        expect(await kit.categories.findById('nope')).to.equal(null);
      });

      it('refuses to delete a category a theme uses (even a draft) with CategoryInUse', async () => {
        const c = aCategory('dark');
        await kit.categories.save(c);
        const theme = await add({ categoryId: c.id, status: 'draft' });
        expect(await rejectionOf(kit.categories.delete(c.id))).to.be.instanceOf(CategoryInUse);
        await kit.themes.delete(theme.id);
        await kit.categories.delete(c.id);
        expect(await kit.categories.findById(c.id)).to.equal(null);
      });
    });

    describe('favourites', () => {
      it('adds once and removes once, even when the same request arrives twice at the same moment', async () => {
        const theme = await add();
        const adds = await Promise.all([kit.favorites.add(other, theme.id, T0), kit.favorites.add(other, theme.id, T0)]);
        expect(adds.filter(Boolean)).to.have.length(1);
        expect(await kit.favorites.favoritedAmong(other, [theme.id, randomUUID()])).to.deep.equal(new Set([theme.id]));
        const removes = await Promise.all([kit.favorites.remove(other, theme.id), kit.favorites.remove(other, theme.id)]);
        expect(removes.filter(Boolean)).to.have.length(1);
      });

      it('keeps favourite counts right under concurrent adjustments', async () => {
        const theme = await add();
        await Promise.all(Array.from({ length: 20 }, () => kit.themes.adjustFavoriteCounts([theme.id], +1)));
        await Promise.all(Array.from({ length: 5 }, () => kit.themes.adjustFavoriteCounts([theme.id], -1)));
        expect((await kit.themes.findById(theme.id))!.favoriteCount).to.equal(15);
      });

      it('lists a user’s favourites newest first, in pages, with ties on time broken by theme', async () => {
        const themes = await Promise.all(Array.from({ length: 5 }, () => add()));
        for (const [i, t] of themes.entries()) await kit.favorites.add(other, t.id, at(i < 2 ? 0 : i));
        const first = await kit.favorites.listOf(other, { limit: 3 });
        const rest = await kit.favorites.listOf(other, { after: first.at(-1), limit: 3 });
        const ids = [...first, ...rest].map((f) => f.themeId);
        expect(new Set(ids).size).to.equal(5);
        expect(ids.slice(0, 3)).to.deep.equal([themes[4]!.id, themes[3]!.id, themes[2]!.id]);
      });

      it('goes with its theme, and removeAllOf returns the themes a user had favourited', async () => {
        const kept = await add();
        const gone = await add();
        await kit.favorites.add(other, kept.id, T0);
        await kit.favorites.add(other, gone.id, T0);
        await kit.themes.delete(gone.id);
        expect(await kit.favorites.removeAllOf(other)).to.deep.equal([kept.id]);
        expect(await kit.favorites.favoritedAmong(other, [kept.id])).to.deep.equal(new Set());
      });
    });
  });
}
