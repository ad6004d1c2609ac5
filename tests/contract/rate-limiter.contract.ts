import { expect } from 'chai';
import { TYPES } from '../../bootstrap/tokens.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { contractSuite } from './coverage.ts';
import { at, kitPerTest, type MakeKit } from './persistence-kit.ts';

export function rateLimiterContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.RateLimiter, name, () => {
    const kit = kitPerTest(make);

    it('counts hits per key and window: a new window or another key starts again at 1', async () => {
      const counts = [];
      for (let i = 0; i < 3; i++) counts.push(await kit.limiter.hit('auth:a', at(0)));
      counts.push(await kit.limiter.hit('auth:b', at(0)));
      counts.push(await kit.limiter.hit('auth:a', at(60)));
      counts.push(await kit.limiter.hit('auth:a', at(60)));
      expect(counts).to.deep.equal([1, 2, 3, 1, 1, 2]);
    });

    it('gives each of many concurrent hits its own count', async () => {
      const counts = await Promise.all(Array.from({ length: 12 }, () => kit.limiter.hit('auth:busy', at(0))));
      expect([...counts].sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 12 }, (_, i) => i + 1));
    });

    it('prunes the windows that started before a moment, and only those', async () => {
      await kit.limiter.hit('auth:old', at(0));
      await kit.limiter.hit('auth:old', at(0));
      await kit.limiter.hit('auth:current', at(60));
      await kit.limiter.prune(at(60));
      expect(await kit.limiter.hit('auth:old', at(0))).to.equal(1);
      expect(await kit.limiter.hit('auth:current', at(60))).to.equal(2);
    });

    it('counts a hit even when the transaction around it fails', async () => {
      await rejectionOf(
        kit.tx.run(async () => {
          await kit.limiter.hit('auth:a', at(0));
          throw new Error('the request failed');
        }),
      );
      expect(await kit.limiter.hit('auth:a', at(0))).to.equal(2);
    });
  });
}
