import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { CatalogQuery, ThemeKey, ThemeOrder, ThemeView } from '../../application/ports/theme-catalog.ts';
import { Image } from '../../domain/images/image.ts';
import { hexToLab } from '../../domain/themes/color.ts';
import { swatchCardSize } from '../../domain/themes/export.ts';
import type { Theme } from '../../domain/themes/theme.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { contractSuite } from './coverage.ts';
import { aCategory, aTheme, aUser, kitPerTest, T0, type MakeKit, type ThemeProps } from './persistence-kit.ts';

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function anImage(theme: Theme, kind: 'cover' | 'preview', createdAt = T0): Image {
  return Image.create({
    id: randomUUID(),
    themeId: theme.id,
    ownerId: theme.ownerId,
    kind,
    contentType: 'image/png',
    size: 100,
    width: 64,
    height: 32,
    sha256: 'a'.repeat(64),
    alt: '',
    thumbnailSize: 10,
    thumbnailSha256: 'b'.repeat(64),
    createdAt,
  });
}

/** ThemeCatalog, the read model: the same views, filters, orders and pages from every adapter. */
export function themeCatalogContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.ThemeCatalog, name, () => {
    const kit = kitPerTest(make);
    let owner: string;
    let other: string;
    const add = async (props: Partial<ThemeProps> = {}) => {
      const theme = aTheme({ ownerId: owner, ...props });
      await kit.themes.insert(theme);
      return theme;
    };
    const search = (query: Partial<CatalogQuery> = {}) => kit.catalog.search({ words: [], order: 'newest', limit: 100, ...query });
    const names = (views: ThemeView[]) => views.map((v) => v.theme.name);

    beforeEach(async () => {
      const a = aUser({ username: 'owner' });
      const b = aUser({ username: 'other' });
      a.updateProfile({ displayName: 'The Owner' }, T0);
      await kit.users.insert(a);
      await kit.users.insert(b);
      owner = a.id;
      other = b.id;
    });

    describe('views', () => {
      it('shows a theme with its owner, category, cover, image count, favourite count and the viewer’s flag', async () => {
        const dark = aCategory('dark', 'Dark');
        await kit.categories.save(dark);
        const theme = await add({ name: 'Ocean', slug: 'ocean', categoryId: dark.id, tags: ['blue'], colors: ['#0b3d91', '#e0f7fa'] });
        const cover = anImage(theme, 'cover');
        await kit.images.insert(cover);
        await kit.images.insert(anImage(theme, 'preview', at(1)));
        await kit.favorites.add(other, theme.id, T0);
        await kit.themes.adjustFavoriteCounts([theme.id], +1);

        for (const view of [await kit.catalog.find({ id: theme.id }, other), await kit.catalog.find({ slug: 'ocean' }, other), (await search({ viewerId: other }))[0]]) {
          expect(view).to.not.equal(null);
          expect(view!.theme).to.deep.equal({ ...theme.toState(), favoriteCount: 1 });
          expect(view!.owner).to.deep.equal({ id: owner, username: 'owner', displayName: 'The Owner' });
          expect(view!.category).to.deep.equal({ id: dark.id, slug: 'dark', name: 'Dark' });
          expect(view!.cover).to.deep.equal({ kind: 'image', id: cover.id, width: 64, height: 32 });
          expect(view!.imageCount).to.equal(2);
          expect(view!.favorited).to.equal(true);
        }
        expect((await kit.catalog.find({ id: theme.id }, owner))!.favorited).to.equal(false);
        expect((await kit.catalog.find({ id: theme.id }))!.favorited).to.equal(false);
        expect((await search())[0]!.favorited).to.equal(false);
      });

      it('finds drafts too (visibility is the caller’s to decide), and nothing for unknown ids and slugs', async () => {
        const draft = await add({ slug: 'secret', status: 'draft' });
        expect((await kit.catalog.find({ slug: 'secret' }))!.theme.id).to.equal(draft.id);
        expect(await kit.catalog.find({ id: randomUUID() })).to.equal(null);
        expect(await kit.catalog.find({ id: 'not-a-uuid' })).to.equal(null);
        expect(await kit.catalog.find({ slug: 'nope' })).to.equal(null);
        const bare = (await kit.catalog.find({ id: draft.id }))!;
        expect(bare).to.deep.include({ category: null, imageCount: 0, favorited: false });
        // Without a cover image, the theme's swatch card stands in.
        expect(bare.cover).to.deep.equal({ kind: 'preview', themeId: draft.id, ...swatchCardSize(draft) });
      });

      it('finds many by id, in the order asked, leaving out ids that name nothing', async () => {
        const [a, b] = [await add({ name: 'A' }), await add({ name: 'B', status: 'draft' })];
        expect(names(await kit.catalog.findMany([b.id, randomUUID(), a.id, 'not-a-uuid']))).to.deep.equal(['B', 'A']);
        expect(await kit.catalog.findMany([])).to.deep.equal([]);
      });

      it('tells which of many themes a user favourited', async () => {
        const [a, b, c] = [await add(), await add(), await add()];
        await kit.favorites.add(other, a.id, T0);
        await kit.favorites.add(other, c.id, T0);
        await kit.favorites.add(owner, b.id, T0);
        expect(await kit.catalog.favoritedAmong(other, [a.id, b.id, c.id, randomUUID()])).to.deep.equal(new Set([a.id, c.id]));
        expect(await kit.catalog.favoritedAmong(other, [])).to.deep.equal(new Set());
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

      it('filters by owner (id or username), category slug and tag, combined; unknown names match nothing', async () => {
        const dark = aCategory('dark');
        await kit.categories.save(dark);
        await add({ name: 'A', categoryId: dark.id, tags: ['blue', 'calm'] });
        await add({ name: 'B', categoryId: dark.id, tags: ['red'] });
        await add({ name: 'C', tags: ['blue'] });
        await add({ name: 'D', categoryId: dark.id, tags: ['blue'], ownerId: other });
        expect(names(await search({ categorySlug: 'dark', tag: 'blue', ownerId: owner }))).to.deep.equal(['A']);
        expect(names(await search({ categorySlug: 'dark', tag: 'blue', ownerUsername: 'other' }))).to.deep.equal(['D']);
        expect(names(await search({ tag: 'blue' })).sort()).to.deep.equal(['A', 'C', 'D']);
        expect(await search({ categorySlug: 'nope' })).to.deep.equal([]);
        expect(await search({ ownerUsername: 'nobody' })).to.deep.equal([]);
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
          const stored = await Promise.all(themes.map(async (t) => (await kit.catalog.find({ id: t.id }))!.theme));
          const expected = stored.sort(sorts[order]).map((t) => t.id);
          const seen: string[] = [];
          let after: ThemeKey | undefined;
          for (let page = 0; page < 10; page++) {
            const items = (await search({ order, after, limit: 4 })).map((v) => v.theme);
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
      describe('palette filters', () => {
        const paper = { hex: '#ffffff', role: 'background' } as const;
        const ink = (hex: string) => ({ hex, role: 'text' }) as const;
        // Black on white 21:1 (AAA); #767676 4.54:1 (AA); #777777 4.48:1 (fail). Red and green merge under deficiencies.
        const redGreen = ['#d62728', '#2ca02c'];
        const addPalettes = async () => {
          await add({ name: 'Triple', colors: [paper, ink('#000000')], tags: ['mono'] });
          await add({ name: 'Double', colors: [paper, ink('#767676'), '#112233'], tags: ['mono'] });
          await add({ name: 'Failing', colors: [paper, ink('#777777')] });
          await add({ name: 'Roleless', colors: redGreen });
          await add({ name: 'Confusing', colors: [paper, ink('#000000'), ...redGreen], tags: ['mono'] });
          await add({ name: 'Draft', status: 'draft', colors: [paper, ink('#000000')] });
        };
        const find = async (query: Partial<CatalogQuery>) => names(await search(query)).sort();

        it('a minimum level: AAA reaches AA, a failing or role-less palette reaches neither', async () => {
          await addPalettes();
          expect(await find({ minimumLevel: 'AA' })).to.deep.equal(['Confusing', 'Double', 'Triple']);
          expect(await find({ minimumLevel: 'AAA' })).to.deep.equal(['Confusing', 'Triple']);
        });

        it('colour-vision safety, either way', async () => {
          await addPalettes();
          expect(await find({ cvdSafe: true })).to.deep.equal(['Double', 'Failing', 'Triple']);
          expect(await find({ cvdSafe: false })).to.deep.equal(['Confusing', 'Roleless']);
        });

        it('an exact palette size', async () => {
          await addPalettes();
          expect(await find({ colorCount: 2 })).to.deep.equal(['Failing', 'Roleless', 'Triple']);
          expect(await find({ colorCount: 4 })).to.deep.equal(['Confusing']);
          expect(await find({ colorCount: 16 })).to.deep.equal([]);
        });

        it('combined with each other and with the other filters; drafts only for their owner', async () => {
          await addPalettes();
          expect(await find({ minimumLevel: 'AA', cvdSafe: true, colorCount: 2 })).to.deep.equal(['Triple']);
          expect(await find({ minimumLevel: 'AA', cvdSafe: false })).to.deep.equal(['Confusing']);
          expect(await find({ minimumLevel: 'AA', tag: 'mono', words: ['doub'] })).to.deep.equal(['Double']);
          expect(await find({ cvdSafe: true, near: { color: hexToLab('#112233'), distance: 12 } })).to.deep.equal(['Double']);
          expect(await find({ minimumLevel: 'AAA', colorCount: 2, ownerId: owner, draftsOf: owner })).to.deep.equal(['Draft', 'Triple']);
          expect(await find({ minimumLevel: 'AAA', ownerUsername: 'other' })).to.deep.equal([]);
        });

        it('follows a palette when it changes', async () => {
          const theme = await add({ name: 'Changing', colors: [paper, ink('#777777')] });
          expect(await find({ minimumLevel: 'AA' })).to.deep.equal([]);
          const loaded = (await kit.themes.findById(theme.id))!;
          loaded.edit({ colors: [{ name: 'Paper', ...paper }, { name: 'Ink', ...ink('#000000') }, { name: 'Red', hex: redGreen[0]! }, { name: 'Green', hex: redGreen[1]! }] }, at(1));
          await kit.themes.update(loaded, 1);
          expect(await find({ minimumLevel: 'AAA', cvdSafe: false, colorCount: 4 })).to.deep.equal(['Changing']);
          expect(await find({ cvdSafe: true })).to.deep.equal([]);
          expect(await find({ colorCount: 2 })).to.deep.equal([]);
        });

        it('pages through a filtered list in every order without repeating or skipping', async () => {
          for (let i = 0; i < 12; i++) {
            const theme = await add({ name: ['Alpha', 'beta', 'Gamma'][i % 3]!, createdAt: at(i % 4), colors: i % 2 ? [paper, ink('#000000')] : [paper, ink('#777777')] });
            if (i % 3) await kit.themes.adjustFavoriteCounts([theme.id], +1);
          }
          const filter = { minimumLevel: 'AA', cvdSafe: true, colorCount: 2 } as const;
          for (const order of Object.keys(sorts) as ThemeOrder[]) {
            const all = (await search({ ...filter, order })).map((v) => v.theme.id);
            expect(all, order).to.have.length(6);
            const seen: string[] = [];
            let after: ThemeKey | undefined;
            for (;;) {
              const items = (await search({ ...filter, order, after, limit: 4 })).map((v) => v.theme);
              seen.push(...items.map((t) => t.id));
              if (items.length < 4) break;
              after = items.at(-1);
            }
            expect(seen, order).to.deep.equal(all);
          }
        });
      });
    });

    describe('favourites of a user', () => {
      it('lists them newest first, in pages, ties on time broken by theme, each flagged and stamped', async () => {
        const themes = await Promise.all(Array.from({ length: 5 }, () => add()));
        for (const [i, t] of themes.entries()) await kit.favorites.add(other, t.id, at(i < 2 ? 0 : i));
        const viewer = { userId: other, moderates: false };
        const first = await kit.catalog.favoritesOf(viewer, { limit: 3 });
        const last = first.at(-1)!;
        const rest = await kit.catalog.favoritesOf(viewer, { after: { at: last.favoritedAt, themeId: last.theme.id }, limit: 3 });
        const ids = [...first, ...rest].map((f) => f.theme.id);
        expect(new Set(ids).size).to.equal(5);
        expect(ids.slice(0, 3)).to.deep.equal([themes[4]!.id, themes[3]!.id, themes[2]!.id]);
        expect(first.map((f) => [f.favorited, f.favoritedAt.getTime()])).to.deep.equal([
          [true, at(4).getTime()],
          [true, at(3).getTime()],
          [true, at(2).getTime()],
        ]);
      });

      it('leaves out themes that became drafts of someone else, unless the viewer moderates', async () => {
        const kept = await add({ name: 'Kept' });
        const hidden = await add({ name: 'Hidden' });
        await kit.favorites.add(other, kept.id, at(1));
        await kit.favorites.add(other, hidden.id, at(2));
        const loaded = (await kit.themes.findById(hidden.id))!;
        loaded.edit({ status: 'draft' }, at(3));
        await kit.themes.update(loaded, 1);
        expect(names(await kit.catalog.favoritesOf({ userId: other, moderates: false }, { limit: 10 }))).to.deep.equal(['Kept']);
        expect(names(await kit.catalog.favoritesOf({ userId: other, moderates: true }, { limit: 10 }))).to.deep.equal(['Hidden', 'Kept']);
      });
    });
  });
}
