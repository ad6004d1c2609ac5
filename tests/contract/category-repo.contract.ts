import { expect } from 'chai';
import { TYPES } from '../../bootstrap/tokens.ts';
import { Category } from '../../domain/categories/category.ts';
import { CategoryInUse, SlugTaken } from '../../domain/errors.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { contractSuite } from './coverage.ts';
import { aCategory, at, insertTheme, kitPerTest, savedUserIds, type MakeKit } from './persistence-kit.ts';

export function categoryRepoContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.CategoryRepo, name, () => {
    const kit = kitPerTest(make);
    let owner: string;

    beforeEach(async () => {
      [owner] = (await savedUserIds(kit, 1)) as [string];
    });

    it('saves, finds, refuses a taken slug, and lists by name with published counts', async () => {
      const b = aCategory('bright', 'bright');
      const a = aCategory('autumn', 'Autumn');
      await kit.categories.save(b);
      await kit.categories.save(a);
      expect(await rejectionOf(kit.categories.save(aCategory('autumn', 'Other')))).to.be.instanceOf(SlugTaken);
      await insertTheme(kit, { ownerId: owner, categoryId: a.id });
      await insertTheme(kit, { ownerId: owner, categoryId: a.id, status: 'draft' });
      const list = await kit.categories.listWithCounts();
      expect(list.map((c) => [c.category.name, c.themeCount])).to.deep.equal([
        ['Autumn', 1],
        ['bright', 0],
      ]);
      expect(await kit.categories.countPublishedThemes(a.id)).to.equal(1);
      const found = await kit.categories.findBySlug('autumn');
      expect(found).to.be.instanceOf(Category);
      expect(found!.toState()).to.deep.equal(a.toState());
      expect(await kit.categories.findById('nope')).to.equal(null);
    });

    it('updates on a second save, and refuses a slug another category took', async () => {
      const c = aCategory('dark', 'Dark');
      await kit.categories.save(c);
      const loaded = (await kit.categories.findById(c.id))!;
      loaded.edit({ name: 'Darker', description: 'Low light' }, at(1));
      await kit.categories.save(loaded);
      expect((await kit.categories.findById(c.id))!.toState()).to.deep.equal(loaded.toState());
      await kit.categories.save(aCategory('light'));
      loaded.edit({ slug: 'light' }, at(2));
      expect(await rejectionOf(kit.categories.save(loaded))).to.be.instanceOf(SlugTaken);
      expect((await kit.categories.findById(c.id))!.slug).to.equal('dark');
    });

    it('refuses to delete a category a theme uses (even a draft) with CategoryInUse', async () => {
      const c = aCategory('dark');
      await kit.categories.save(c);
      const theme = await insertTheme(kit, { ownerId: owner, categoryId: c.id, status: 'draft' });
      expect(await rejectionOf(kit.categories.delete(c.id))).to.be.instanceOf(CategoryInUse);
      await kit.themes.delete(theme.id);
      await kit.categories.delete(c.id);
      expect(await kit.categories.findById(c.id)).to.equal(null);
    });
  });
}
