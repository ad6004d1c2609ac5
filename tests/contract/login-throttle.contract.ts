import { expect } from 'chai';
import type { LoginFailure } from '../../application/ports/login-throttle.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { contractSuite } from './coverage.ts';
import { kitPerTest, T0, type MakeKit } from './persistence-kit.ts';

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
/** The policy of the defaults: the 5th failure locks for 900 s; failures are forgotten 900 s after the last one. */
const failure = (seconds: number): LoginFailure => ({ at: at(seconds), lockAt: 5, lockUntil: at(seconds + 900), forgetBefore: at(seconds - 900) });

export function loginThrottleContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.LoginThrottle, name, () => {
    const kit = kitPerTest(make);

    it('counts failures per login; the one that reaches lockAt locks it until lockUntil, and the lock is kept', async () => {
      for (let i = 1; i <= 4; i++) expect(await kit.throttle.recordFailure('ada', failure(i))).to.deep.equal({ failures: i, lockedUntil: null });
      expect(await kit.throttle.lockedUntil('ada', at(4))).to.equal(null);
      expect(await kit.throttle.recordFailure('ada', failure(5))).to.deep.equal({ failures: 5, lockedUntil: at(905) });
      expect(await kit.throttle.lockedUntil('ada', at(6))).to.deep.equal(at(905));
      // A failure counted while locked (a request that raced the lock) keeps the lock as it was.
      expect(await kit.throttle.recordFailure('ada', failure(7))).to.deep.equal({ failures: 6, lockedUntil: at(905) });
      expect(await kit.throttle.lockedUntil('ada', at(905))).to.equal(null);
      expect(await kit.throttle.lockedUntil('bob', at(6))).to.equal(null);
    });

    it('forgets failures last counted before forgetBefore: the count starts again', async () => {
      for (let i = 1; i <= 4; i++) await kit.throttle.recordFailure('ada', failure(i));
      expect(await kit.throttle.recordFailure('ada', failure(1000))).to.deep.equal({ failures: 1, lockedUntil: null });
      for (let i = 1; i <= 5; i++) await kit.throttle.recordFailure('bob', failure(i));
      expect(await kit.throttle.recordFailure('bob', failure(2000))).to.deep.equal({ failures: 1, lockedUntil: null });
      expect(await kit.throttle.lockedUntil('bob', at(2000))).to.equal(null);
    });

    it('counts concurrent failures one by one: exactly one of them reaches lockAt', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => kit.throttle.recordFailure('ada', failure(1))));
      expect(results.map((r) => r.failures).sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(results.filter((r) => r.lockedUntil !== null)).to.have.length(4);
    });

    it('clears logins, telling whether any was locked', async () => {
      for (let i = 1; i <= 5; i++) await kit.throttle.recordFailure('locked', failure(i));
      await kit.throttle.recordFailure('counting', failure(3));
      expect(await kit.throttle.clear(['counting', 'nobody'], at(6))).to.equal(false);
      expect(await kit.throttle.recordFailure('counting', failure(6))).to.deep.include({ failures: 1 });
      expect(await kit.throttle.clear(['locked', 'counting'], at(6))).to.equal(true);
      expect(await kit.throttle.lockedUntil('locked', at(6))).to.equal(null);
      expect(await kit.throttle.recordFailure('locked', failure(7))).to.deep.equal({ failures: 1, lockedUntil: null });
    });

    it('prunes only what counts nothing any more: no lock in force and no failure since forgetBefore', async () => {
      for (let i = 1; i <= 5; i++) await kit.throttle.recordFailure('locked', failure(i)); // locked until 905
      await kit.throttle.recordFailure('old', failure(1));
      await kit.throttle.recordFailure('recent', failure(900));
      expect(await kit.throttle.prune(at(100), at(-800))).to.equal(0);
      expect(await kit.throttle.prune(at(950), at(50))).to.equal(2);
      expect(await kit.throttle.recordFailure('recent', failure(901))).to.deep.include({ failures: 2 });
    });
  });
}
