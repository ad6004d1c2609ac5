import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { TYPES } from '../../bootstrap/tokens.ts';
import { contractSuite } from './coverage.ts';
import { insertTheme, kitPerTest, savedUserIds, T0, type MakeKit } from './persistence-kit.ts';

export function favoriteRepoContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.FavoriteRepo, name, () => {
    const kit = kitPerTest(make);
    let owner: string;
    let reader: string;
    const add = () => insertTheme(kit, { ownerId: owner });

    beforeEach(async () => {
      [owner, reader] = (await savedUserIds(kit, 2)) as [string, string];
    });

    it('adds once and removes once, even when the same request arrives twice at the same moment', async () => {
      const theme = await add();
      const adds = await Promise.all([kit.favorites.add(reader, theme.id, T0), kit.favorites.add(reader, theme.id, T0)]);
      expect(adds.filter(Boolean)).to.have.length(1);
      expect(await kit.catalog.favoritedAmong(reader, [theme.id, randomUUID()])).to.deep.equal(new Set([theme.id]));
      const removes = await Promise.all([kit.favorites.remove(reader, theme.id), kit.favorites.remove(reader, theme.id)]);
      expect(removes.filter(Boolean)).to.have.length(1);
      expect(await kit.catalog.favoritedAmong(reader, [theme.id])).to.deep.equal(new Set());
    });

    it('goes with its theme, and removeAllOf returns the themes a user had favourited', async () => {
      const kept = await add();
      const gone = await add();
      await kit.favorites.add(reader, kept.id, T0);
      await kit.favorites.add(reader, gone.id, T0);
      await kit.favorites.add(owner, kept.id, T0);
      await kit.themes.delete(gone.id);
      expect(await kit.favorites.removeAllOf(reader)).to.deep.equal([kept.id]);
      expect(await kit.catalog.favoritedAmong(reader, [kept.id])).to.deep.equal(new Set());
      expect(await kit.catalog.favoritedAmong(owner, [kept.id])).to.deep.equal(new Set([kept.id]));
    });
  });
}
