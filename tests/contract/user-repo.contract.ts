import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { TYPES } from '../../bootstrap/tokens.ts';
import { EmailTaken, NotFound, UsernameTaken } from '../../domain/errors.ts';
import { RefreshToken } from '../../domain/users/refresh-token.ts';
import { User } from '../../domain/users/user.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { contractSuite } from './coverage.ts';
import { anImageRecord, aTheme, aUser, kitPerTest, T0, type MakeKit } from './persistence-kit.ts';

export function userRepoContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.UserRepo, name, () => {
    const kit = kitPerTest(make);

    it('saves and finds a user by id, email and username, as a User with every field', async () => {
      const user = aUser({ username: 'ada' });
      user.updateProfile({ bio: 'hello' }, new Date(T0.getTime() + 1000));
      await kit.users.insert(user);
      for (const found of [await kit.users.findById(user.id), await kit.users.findByEmail('ada@example.com'), await kit.users.findByUsername('ada')]) {
        expect(found).to.be.instanceOf(User);
        expect(found!.toState()).to.deep.equal(user.toState());
      }
      expect(await kit.users.findById('00000000-0000-4000-8000-000000000000')).to.equal(null);
      expect(await kit.users.findByEmail('nobody@example.com')).to.equal(null);
    });

    it('updates only the fields intent methods changed: two copies changing different fields both survive', async () => {
      const user = aUser({ username: 'ada' });
      await kit.users.insert(user);
      const byAdmin = (await kit.users.findById(user.id))!;
      const byOwner = (await kit.users.findById(user.id))!;
      const T1 = new Date(T0.getTime() + 1000);
      byAdmin.changeStatus('disabled', T1);
      byAdmin.changeRole('moderator', T1);
      byOwner.updateProfile({ displayName: 'Ada L.' }, T1);
      byOwner.setAvatar({ id: randomUUID(), width: 64, height: 48 }, T1);
      await kit.users.update(byAdmin);
      await kit.users.update(byOwner); // read before the admin's write, and does not put it back
      const stored = (await kit.users.findById(user.id))!;
      expect(stored.toState()).to.deep.include({ status: 'disabled', role: 'moderator', displayName: 'Ada L.', bio: '', avatar: byOwner.avatar, updatedAt: T1 });
      expect(user.status).to.equal('active'); // what callers hold is not changed behind their back

      byOwner.setAvatar(null, T1);
      await kit.users.update(byOwner);
      expect((await kit.users.findById(user.id))!.toState()).to.deep.include({ avatar: null, status: 'disabled' });
    });

    it('refuses an update to a username another account holds, and one of an account that is gone', async () => {
      const ada = aUser({ username: 'ada' });
      const bob = aUser({ username: 'bob' });
      await kit.users.insert(ada);
      await kit.users.insert(bob);
      const renamed = (await kit.users.findById(bob.id))!;
      renamed.updateProfile({ username: 'ada', bio: 'mine now' }, T0);
      expect(await rejectionOf(kit.users.update(renamed))).to.be.instanceOf(UsernameTaken);
      expect((await kit.users.findById(bob.id))!.toState()).to.deep.include({ username: 'bob', bio: '' });
      await kit.users.delete(bob.id);
      expect(await rejectionOf(kit.users.update(renamed))).to.be.instanceOf(NotFound);
    });

    it('refuses a second account with the same email or username (EmailTaken, UsernameTaken), and keeps the first', async () => {
      const first = aUser({ username: 'ada', email: 'ada@example.com' });
      await kit.users.insert(first);
      expect(await rejectionOf(kit.users.insert(aUser({ username: 'other', email: 'ada@example.com' })))).to.be.instanceOf(EmailTaken);
      expect(await rejectionOf(kit.users.insert(aUser({ username: 'ada', email: 'other@example.com' })))).to.be.instanceOf(UsernameTaken);
      expect((await kit.users.findByUsername('ada'))!.id).to.equal(first.id);
      expect(await kit.users.findByUsername('other')).to.equal(null);
    });

    it('deletes, and what refers to the user goes with it: their tokens, themes, favourites and avatar', async () => {
      const user = aUser();
      const other = aUser();
      await kit.users.insert(user);
      await kit.users.insert(other);
      const token = RefreshToken.issue({ id: randomUUID(), userId: user.id, tokenHash: `hash-${randomUUID()}`, familyId: randomUUID(), parentId: null, ttlSeconds: 60 }, T0);
      await kit.refreshTokens.add(token);
      const theirs = aTheme({ ownerId: user.id });
      const kept = aTheme({ ownerId: other.id });
      await kit.themes.insert(theirs);
      await kit.themes.insert(kept);
      await kit.favorites.add(user.id, kept.id, T0);
      const avatar = anImageRecord({ ownerId: user.id, themeId: null });
      await kit.images.insert(avatar);

      await kit.users.delete(user.id);
      expect(await kit.users.findById(user.id)).to.equal(null);
      expect(await kit.refreshTokens.findByHash(token.tokenHash)).to.equal(null);
      expect(await kit.themes.findById(theirs.id)).to.equal(null);
      expect(await kit.themes.findById(kept.id)).to.not.equal(null);
      expect(await kit.catalog.favoritedAmong(user.id, [kept.id])).to.deep.equal(new Set());
      expect(await kit.images.findById(avatar.id)).to.equal(null);
    });

    it('lists the active admins', async () => {
      const admin = aUser({ role: 'admin' });
      const disabled = aUser({ role: 'admin' });
      disabled.changeStatus('disabled', T0);
      await Promise.all([admin, disabled, aUser({ role: 'moderator' })].map((u) => kit.users.insert(u)));
      expect(await kit.tx.run(() => kit.users.lockActiveAdminIds())).to.deep.equal([admin.id]);
    });
  });
}
