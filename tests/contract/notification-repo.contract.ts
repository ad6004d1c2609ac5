import { expect } from 'chai';
import type { NewNotification } from '../../application/ports/notification-repo.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { contractSuite } from './coverage.ts';
import { aUser, kitPerTest, T0, type MakeKit } from './persistence-kit.ts';

export function notificationRepoContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.NotificationRepo, name, () => {
    const kit = kitPerTest(make);
    let ada: string;
    let bob: string;
    const note = (userId: string, seconds = 0): NewNotification => ({
      userId,
      kind: 'theme_favorited',
      at: new Date(T0.getTime() + seconds * 1000),
      actorId: null,
      themeId: null,
      data: { theme: { name: 'Harbour', slug: 'harbour' } },
    });
    const add = (n: NewNotification) => kit.tx.run(() => kit.notifications.add(n));

    beforeEach(async () => {
      const [a, b] = [aUser(), aUser()];
      await kit.users.insert(a);
      await kit.users.insert(b);
      [ada, bob] = [a.id, b.id];
    });

    it('hands out growing ids and lists a user’s notifications newest first, in pages that neither repeat nor skip', async () => {
      const ids = [await add(note(ada, 1)), await add(note(bob, 2)), await add(note(ada, 3)), await add(note(ada, 4))];
      expect(ids).to.deep.equal([...ids].sort((x, y) => x - y));
      const first = await kit.notifications.listOf(ada, { limit: 2, unreadOnly: false });
      const rest = await kit.notifications.listOf(ada, { after: first.at(-1)!.id, limit: 5, unreadOnly: false });
      expect([...first, ...rest].map((n) => n.id)).to.deep.equal([ids[3], ids[2], ids[0]]);
      expect(first[0]).to.deep.equal({ ...note(ada, 4), id: ids[3], readAt: null });
      expect(await kit.notifications.unreadCount(ada)).to.equal(3);
    });

    it('writes nothing when the transaction rolls back', async () => {
      await kit.tx
        .run(async () => {
          await kit.notifications.add(note(ada));
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      expect(await kit.notifications.listOf(ada, { limit: 10, unreadOnly: false })).to.deep.equal([]);
    });

    it('marks read up to an id or by ids, only the user’s own and only once, and filters unread', async () => {
      const a1 = await add(note(ada));
      const b1 = await add(note(bob));
      const a2 = await add(note(ada));
      const a3 = await add(note(ada));
      const at = new Date(T0.getTime() + 60_000);
      expect(await kit.notifications.markRead(ada, { ids: [a2, b1] }, at)).to.equal(1);
      expect(await kit.notifications.markRead(ada, { ids: [a2] }, at)).to.equal(0);
      expect(await kit.notifications.unreadCount(bob)).to.equal(1);
      expect((await kit.notifications.listOf(ada, { limit: 10, unreadOnly: true })).map((n) => n.id)).to.deep.equal([a3, a1]);
      expect(await kit.notifications.markRead(ada, { upTo: a2 }, at)).to.equal(1);
      expect((await kit.notifications.listOf(ada, { limit: 10, unreadOnly: true })).map((n) => n.id)).to.deep.equal([a3]);
      const all = await kit.notifications.listOf(ada, { limit: 10, unreadOnly: false });
      expect(all.map((n) => n.readAt?.toISOString() ?? null)).to.deep.equal([null, at.toISOString(), at.toISOString()]);
    });

    it('prunes notifications older than the cut-off, read or unread, everyone’s, and keeps the rest', async () => {
      const old = await add(note(ada, 1));
      await add(note(bob, 2));
      const kept = [await add(note(ada, 10)), await add(note(bob, 11))];
      await kit.notifications.markRead(ada, { upTo: old }, new Date(T0.getTime() + 5000));
      expect(await kit.notifications.prune(new Date(T0.getTime() + 10_000))).to.equal(2);
      expect((await kit.notifications.listOf(ada, { limit: 10, unreadOnly: false })).map((n) => n.id)).to.deep.equal([kept[0]]);
      expect((await kit.notifications.listOf(bob, { limit: 10, unreadOnly: false })).map((n) => n.id)).to.deep.equal([kept[1]]);
      expect(await kit.notifications.prune(new Date(T0.getTime() + 10_000))).to.equal(0);
    });

    it('forgets a deleted user’s notifications', async () => {
      await add(note(ada));
      await kit.tx.run(() => kit.users.delete(ada));
      expect(await kit.notifications.unreadCount(ada)).to.equal(0);
    });
  });
}
