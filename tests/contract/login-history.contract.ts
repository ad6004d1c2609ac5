import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { LoginAttempt, LoginOutcome } from '../../application/ports/login-history.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { contractSuite } from './coverage.ts';
import { aUser, kitPerTest, T0, type MakeKit } from './persistence-kit.ts';

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

export function loginHistoryContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.LoginHistory, name, () => {
    const kit = kitPerTest(make);
    let userId: string;
    const attempt = (seconds: number, outcome: LoginOutcome = 'failure', owner: string | null = userId): LoginAttempt => ({
      id: randomUUID(),
      userId: owner,
      at: at(seconds),
      outcome,
      ip: '203.0.113.7',
      userAgent: `agent ${seconds}`,
    });

    beforeEach(async () => {
      const user = aUser();
      await kit.users.insert(user);
      userId = user.id;
    });

    it('lists an account’s attempts newest first, in keyset pages that neither repeat nor skip, and no one else’s', async () => {
      const mine = [attempt(1, 'success'), attempt(2), attempt(2, 'locked'), attempt(3), attempt(5, 'success')];
      const other = aUser();
      await kit.users.insert(other);
      for (const a of [...mine, attempt(4, 'success', other.id), attempt(4, 'failure', null)]) await kit.history.record(a);

      const first = await kit.history.listOf(userId, { limit: 2 });
      const rest = await kit.history.listOf(userId, { after: first.at(-1)!, limit: 10 });
      const newestFirst = [...mine].sort((x, y) => y.at.getTime() - x.at.getTime() || (y.id < x.id ? -1 : 1));
      expect([...first, ...rest]).to.deep.equal(newestFirst);
    });

    it('prunes attempts made before a date, those of unknown logins too; deleting an account deletes its attempts', async () => {
      for (const a of [attempt(1), attempt(2, 'failure', null), attempt(10, 'success'), attempt(11, 'failure', null)]) await kit.history.record(a);
      expect(await kit.history.prune(at(10))).to.equal(2);
      expect((await kit.history.listOf(userId, { limit: 10 })).map((a) => a.at)).to.deep.equal([at(10)]);
      await kit.users.delete(userId);
      expect(await kit.history.listOf(userId, { limit: 10 })).to.deep.equal([]);
      expect(await kit.history.prune(at(100))).to.equal(1); // the unknown login's attempt was left
    });
  });
}
