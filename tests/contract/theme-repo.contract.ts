import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { TYPES } from '../../bootstrap/tokens.ts';
import { SlugTaken, VersionConflict } from '../../domain/errors.ts';
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
        expect((await kit.themes.deleteAllOfOwner(owner)).map((t) => t.toState())).to.deep.equal([b.toState()]);
        expect(await kit.themes.findById(theirs.id)).to.not.equal(null);
      });

      it('takes its favourites and images with a deleted theme', async () => {
        const theme = await add();
        await kit.favorites.add(other, theme.id, T0);
        const image = anImageRecord({ ownerId: owner, themeId: theme.id });
        await kit.images.insert(image);
        await kit.themes.delete(theme.id);
        expect(await kit.favoritesLookup.favoritedAmong(other, [theme.id])).to.deep.equal(new Set());
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
  });
}
