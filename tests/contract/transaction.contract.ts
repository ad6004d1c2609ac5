import { expect } from 'chai';
import { TYPES } from '../../bootstrap/tokens.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { contractSuite } from './coverage.ts';
import { aCategory, aUser, insertTheme, kitPerTest, savedUserIds, T0, type MakeKit } from './persistence-kit.ts';

export function transactionContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.Transaction, name, () => {
    const kit = kitPerTest(make);

    it('commits every write of the work together, and answers what the work answers', async () => {
      const user = aUser();
      const category = aCategory('dark');
      const result = await kit.tx.run(async () => {
        await kit.users.insert(user);
        await kit.categories.save(category);
        return 42;
      });
      expect(result).to.equal(42);
      expect(await kit.users.findById(user.id)).to.not.equal(null);
      expect(await kit.categories.findById(category.id)).to.not.equal(null);
    });

    it('rolls back every write of a failed transaction, across repositories, and passes the error on', async () => {
      const [owner, reader] = (await savedUserIds(kit, 2)) as [string, string];
      const kept = await insertTheme(kit, { ownerId: owner });
      const error = await rejectionOf(
        kit.tx.run(async () => {
          await kit.users.insert(aUser({ username: 'ghost' }));
          await kit.users.delete(reader);
          await kit.categories.save(aCategory('doomed'));
          await kit.favorites.add(owner, kept.id, T0);
          await kit.themes.adjustFavoriteCounts([kept.id], +1);
          await kit.themes.delete(kept.id);
          throw new Error('boom');
        }),
      );
      expect(error.message).to.equal('boom');
      expect(await kit.users.findByUsername('ghost')).to.equal(null);
      expect(await kit.users.findById(reader)).to.not.equal(null);
      expect(await kit.categories.findBySlug('doomed')).to.equal(null);
      expect(await kit.catalog.favoritedAmong(owner, [kept.id])).to.deep.equal(new Set());
      expect((await kit.themes.findById(kept.id))!.favoriteCount).to.equal(0);
    });

    it('joins a nested run to the outer one: the outer failure rolls back the inner writes too', async () => {
      await rejectionOf(
        kit.tx.run(async () => {
          await kit.tx.run(() => kit.users.insert(aUser({ username: 'inner' })));
          throw new Error('outer fails');
        }),
      );
      expect(await kit.users.findByUsername('inner')).to.equal(null);
    });

    it('hides its writes from readers outside until it commits', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const wrote = new Promise<void>((resolve) => (written = resolve));
      const user = aUser();
      const transaction = kit.scope(() =>
        kit.tx.run(async () => {
          await kit.users.insert(user);
          written();
          await held;
        }),
      );
      await wrote;
      const seenBefore = await kit.scope(() => kit.users.findById(user.id));
      release();
      await transaction;
      expect(seenBefore).to.equal(null);
      expect(await kit.users.findById(user.id)).to.not.equal(null);
    });
  });
}
