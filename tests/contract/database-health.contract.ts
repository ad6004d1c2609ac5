import { TYPES } from '../../bootstrap/tokens.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { contractSuite } from './coverage.ts';
import { kitPerTest, type MakeKit } from './persistence-kit.ts';

export function databaseHealthContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.DatabaseHealth, name, () => {
    const kit = kitPerTest(make);

    it('reports ready while the store answers', async () => {
      await kit.health.checkReady();
    });

    // The memory store lives in the process: it cannot go away while the process runs.
    if (name !== 'memory')
      it('throws once the store is gone', async () => {
        await kit.outage!();
        await rejectionOf(kit.health.checkReady());
      });
  });
}
