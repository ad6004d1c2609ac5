import { expect } from 'chai';
import { ListNotifications } from '../../application/notifications/list-notifications.ts';
import { PruneNotifications } from '../../application/notifications/prune-notifications.ts';
import { CreateTheme } from '../../application/themes/create-theme.ts';
import { FavoriteTheme } from '../../application/themes/favorite-theme.ts';
import { aMember } from '../support/actors.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { testRuntime } from '../support/runtime.ts';

const DAY = 86_400;

describe('PruneNotifications (housekeeping)', () => {
  it('forgets notifications older than NOTIFICATION_RETENTION_DAYS, and keeps younger ones', async () => {
    const clock = new FixedClock();
    const runtime = await testRuntime({ clock, env: { NOTIFICATION_RETENTION_DAYS: '30' } });
    try {
      const get = <T>(id: new (...args: never[]) => T): T => runtime.container.get(id as never);
      const [owner, fan, other] = [await aMember(runtime, 'owner'), await aMember(runtime, 'fan'), await aMember(runtime, 'other')];
      const colors = [{ name: 'ink', hex: '#112233' }];
      const first = await get(CreateTheme).execute(owner.actor, { name: 'First', status: 'published', colors });
      const second = await get(CreateTheme).execute(owner.actor, { name: 'Second', status: 'published', colors });
      await get(FavoriteTheme).execute(fan.actor, first.theme.id);
      clock.advance(10 * DAY);
      await get(FavoriteTheme).execute(other.actor, second.theme.id);
      const themesNotified = async () => (await get(ListNotifications).execute(owner.actor, {})).items.map((n) => n.themeId);

      clock.advance(20 * DAY);
      expect(await get(PruneNotifications).execute()).to.equal(0);
      clock.advance(1);
      expect(await get(PruneNotifications).execute()).to.equal(1);
      expect(await themesNotified()).to.deep.equal([second.theme.id]);
    } finally {
      await runtime.close();
    }
  });
});
