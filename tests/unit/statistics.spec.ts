import { expect } from 'chai';
import { SYSTEM, anonymous } from '../../application/actor.ts';
import { GetStatistics } from '../../application/admin/get-statistics.ts';
import type { Statistics, StatisticsQuery } from '../../application/ports/statistics.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { FixedClock } from '../support/fixed-clock.ts';

/** A StatisticsQuery that counts its collections and fails when told to. */
class CountingQuery implements StatisticsQuery {
  calls = 0;
  failNext = false;
  async collect(now: Date, loginsSince: Date): Promise<Statistics> {
    this.calls += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database down');
    }
    return {
      users: { byRole: { user: this.calls, moderator: 0, admin: 1 }, byStatus: { active: 1, disabled: 0 }, locked: 0 },
      themes: { byStatus: { draft: 0, published: 0 } },
      images: { count: 0, bytes: 0 },
      logins: { since: loginsSince, succeeded: 0, failed: 0, locked: 0 },
      objectDeletionsDue: 0,
    };
  }
}

describe('GetStatistics', () => {
  it('collects once for concurrent callers, keeps the counts 5 seconds, and never keeps a failed collection', async () => {
    const clock = new FixedClock();
    const query = new CountingQuery();
    const stats = new GetStatistics(query, clock);
    const [a, b] = await Promise.all([stats.execute(SYSTEM), stats.execute(SYSTEM)]);
    expect(query.calls).to.equal(1);
    expect(a).to.equal(b);
    expect(a.logins.since).to.deep.equal(new Date(clock.now().getTime() - 86400_000));

    clock.advance(5);
    query.failNext = true;
    expect((await rejectionOf(stats.execute(SYSTEM))).message).to.equal('database down');
    expect((await stats.execute(SYSTEM)).users.byRole.user).to.equal(3);
    expect(query.calls).to.equal(3);
  });

  it('is for administrators only', async () => {
    expect((await rejectionOf(new GetStatistics(new CountingQuery(), new FixedClock()).execute(anonymous()))).code).to.equal('unauthenticated');
  });
});
