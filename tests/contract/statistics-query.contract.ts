import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { LoginOutcome } from '../../application/ports/login-history.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { contractSuite } from './coverage.ts';
import { anImageRecord, at, aUser, insertTheme, kitPerTest, type MakeKit } from './persistence-kit.ts';

export function statisticsQueryContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.StatisticsQuery, name, () => {
    const kit = kitPerTest(make);

    it('counts nothing in an empty store, with every role, status and outcome present', async () => {
      expect(await kit.statistics.collect(at(0), at(-86400))).to.deep.equal({
        users: { byRole: { user: 0, moderator: 0, admin: 0 }, byStatus: { active: 0, disabled: 0 }, locked: 0 },
        themes: { byStatus: { draft: 0, published: 0 } },
        images: { count: 0, bytes: 0 },
        logins: { since: at(-86400), succeeded: 0, failed: 0, locked: 0 },
        objectDeletionsDue: 0,
      });
    });

    it('counts users, accounts with a locked email or username, themes, images with their thumbnails, recent attempts and due deletions', async () => {
      const ada = aUser({ username: 'ada' });
      const bob = aUser({ username: 'bob', role: 'moderator' });
      const root = aUser({ username: 'root', role: 'admin' });
      bob.changeStatus('disabled', at(0));
      for (const user of [ada, bob, root]) await kit.users.insert(user);
      const lock = { lockAt: 1, lockUntil: at(900), forgetBefore: at(-900) };
      await kit.throttle.recordFailure('ada', { at: at(0), ...lock }); // ada's username
      await kit.throttle.recordFailure('bob@example.com', { at: at(0), ...lock }); // bob's email
      await kit.throttle.recordFailure('nobody', { at: at(0), ...lock }); // no account
      await kit.throttle.recordFailure('root', { at: at(0), lockAt: 5, lockUntil: at(900), forgetBefore: at(-900) }); // counting, not locked
      for (const status of ['published', 'published', 'draft'] as const) await insertTheme(kit, { ownerId: ada.id, status });
      await kit.images.insert(anImageRecord({ ownerId: ada.id, themeId: null })); // 1234 + 321 bytes
      await kit.images.insert(anImageRecord({ ownerId: bob.id, themeId: null }));
      const attempt = async (seconds: number, outcome: LoginOutcome, userId: string | null) =>
        kit.history.record({ id: randomUUID(), userId, at: at(seconds), outcome, ip: null, userAgent: null });
      await attempt(-90000, 'success', ada.id); // before the window
      await attempt(-3600, 'success', ada.id);
      await attempt(-60, 'failure', null);
      await attempt(-30, 'failure', bob.id);
      await attempt(-10, 'locked', ada.id);
      await kit.cleanup.schedule(['a', 'b'], at(0));
      await kit.cleanup.schedule(['later'], at(60));

      expect(await kit.statistics.collect(at(10), at(10 - 86400))).to.deep.equal({
        users: { byRole: { user: 1, moderator: 1, admin: 1 }, byStatus: { active: 2, disabled: 1 }, locked: 2 },
        themes: { byStatus: { draft: 1, published: 2 } },
        images: { count: 2, bytes: 2 * (1234 + 321) },
        logins: { since: at(10 - 86400), succeeded: 1, failed: 2, locked: 1 },
        objectDeletionsDue: 2,
      });
      expect((await kit.statistics.collect(at(900), at(0))).users.locked).to.equal(0); // the locks have ended
    });
  });
}
