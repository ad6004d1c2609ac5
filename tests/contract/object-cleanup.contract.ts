import { expect } from 'chai';
import { TYPES } from '../../bootstrap/tokens.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { contractSuite } from './coverage.ts';
import { at, kitPerTest, type MakeKit } from './persistence-kit.ts';

export function objectCleanupContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.ObjectCleanup, name, () => {
    const kit = kitPerTest(make);

    it('answers the keys due at a moment, earliest first, at most `limit` of them', async () => {
      await kit.cleanup.schedule(['k/late'], at(30));
      await kit.cleanup.schedule(['k/b', 'k/c'], at(20));
      await kit.cleanup.schedule(['k/a'], at(10));
      expect(await kit.cleanup.due(at(9), 10)).to.deep.equal([]);
      expect(await kit.cleanup.due(at(10), 10)).to.deep.equal(['k/a']);
      expect((await kit.cleanup.due(at(20), 10)).slice(1).sort()).to.deep.equal(['k/b', 'k/c']);
      expect(await kit.cleanup.due(at(20), 1)).to.deep.equal(['k/a']);
      expect(await kit.cleanup.due(at(60), 10)).to.have.length(4);
      expect([await kit.cleanup.countDue(at(9)), await kit.cleanup.countDue(at(10)), await kit.cleanup.countDue(at(60))]).to.deep.equal([0, 1, 4]);
    });

    it('keeps the earlier time when a key is scheduled twice', async () => {
      await kit.cleanup.schedule(['k/a'], at(10));
      await kit.cleanup.schedule(['k/a'], at(100));
      expect(await kit.cleanup.due(at(10), 10)).to.deep.equal(['k/a']);
      await kit.cleanup.schedule(['k/b'], at(100));
      await kit.cleanup.schedule(['k/b'], at(5));
      expect(await kit.cleanup.due(at(10), 10)).to.have.members(['k/a', 'k/b']);
    });

    it('forgets cancelled and done keys, and takes empty or unknown lists in its stride', async () => {
      await kit.cleanup.schedule(['k/a', 'k/b', 'k/c'], at(0));
      await kit.cleanup.cancel(['k/a', 'k/never']);
      await kit.cleanup.done(['k/b']);
      await kit.cleanup.schedule([], at(0));
      await kit.cleanup.cancel([]);
      await kit.cleanup.done([]);
      expect(await kit.cleanup.due(at(1), 10)).to.deep.equal(['k/c']);
    });

    it('schedules and cancels with the transaction it runs in: a rolled-back one changes nothing', async () => {
      await kit.cleanup.schedule(['k/pending'], at(10));
      await rejectionOf(
        kit.tx.run(async () => {
          await kit.cleanup.schedule(['k/rolled-back'], at(0));
          await kit.cleanup.cancel(['k/pending']);
          throw new Error('boom');
        }),
      );
      expect(await kit.cleanup.due(at(10), 10)).to.deep.equal(['k/pending']);
    });
  });
}
