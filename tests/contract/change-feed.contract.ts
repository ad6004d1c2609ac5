import { expect } from 'chai';
import type { ChangeEvent, NewEvent } from '../../application/ports/event-log.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { contractSuite } from './coverage.ts';
import { kitPerTest, T0, type MakeKit, type PersistenceKit } from './persistence-kit.ts';

export function anEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    type: 'category.created',
    at: T0,
    actorId: null,
    subject: { themeId: null, userId: null, categoryId: crypto.randomUUID(), imageId: null },
    audience: 'public',
    data: { name: 'x' },
    ...overrides,
  };
}

/** Collects what a feed delivers, in order. */
export function recorder(kit: Pick<PersistenceKit, 'feed'>) {
  const seen: ChangeEvent[] = [];
  let interruptions = 0;
  const stop = kit.feed.subscribe({ events: (events) => seen.push(...events), interrupted: () => void interruptions++ });
  return { seen, ids: () => seen.map((e) => e.id), interruptions: () => interruptions, stop };
}

/** EventLog: the outbox written with each change, in its transaction, read back in id order. */
export function eventLogContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.EventLog, name, () => {
    const kit = kitPerTest(make);

    it('refuses an event appended outside a transaction', async () => {
      expect((await rejectionOf(kit.events.append(anEvent()))).message).to.match(/inside the transaction/);
    });

    it('emits nothing for a rolled-back transaction', async () => {
      const feed = recorder(kit);
      await rejectionOf(
        kit.tx.run(async () => {
          await kit.events.append(anEvent());
          throw new Error('changed my mind');
        }),
      );
      await kit.tx.run(() => kit.events.append(anEvent({ data: { kept: true } })));
      expect(feed.seen.map((e) => e.data)).to.deep.equal([{ kept: true }]);
      expect((await kit.events.after(0, 10)).map((e) => e.data)).to.deep.equal([{ kept: true }]);
    });

    it('pages through the log with after(id, limit)', async () => {
      await kit.tx.run(async () => {
        for (let i = 0; i < 5; i++) await kit.events.append(anEvent({ data: { i } }));
      });
      const first = await kit.events.after(0, 2);
      const rest = await kit.events.after(first.at(-1)!.id, 10);
      expect([...first, ...rest].map((e) => e.data.i)).to.deep.equal([0, 1, 2, 3, 4]);
    });

    it('prunes events older than a moment, and only those', async () => {
      await kit.tx.run(async () => {
        await kit.events.append(anEvent({ at: new Date(T0.getTime() - 86_400_000), data: { old: true } }));
        await kit.events.append(anEvent({ at: T0, data: { old: false } }));
      });
      expect(await kit.events.prune(new Date(T0.getTime() - 1000))).to.equal(1);
      expect((await kit.events.after(0, 10)).map((e) => e.data)).to.deep.equal([{ old: false }]);
      expect(await kit.events.prune(new Date(T0.getTime() - 1000))).to.equal(0);
    });
  });
}

/** ChangeFeed: committed events delivered in this process, in order, before the writer returns. */
export function changeFeedContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.ChangeFeed, name, () => {
    const kit = kitPerTest(make);

    it('delivers a committed transaction’s events in order, each once, before the transaction returns', async () => {
      const feed = recorder(kit);
      const first = anEvent({ data: { n: 1 } });
      const second = anEvent({ type: 'theme.updated', audience: 'owner-and-moderators', actorId: crypto.randomUUID(), data: { n: 2, nested: { ok: true } } });
      await kit.tx.run(async () => {
        await kit.events.append(first);
        await kit.events.append(second);
      });
      expect(feed.seen.map(({ id: _, ...event }) => event)).to.deep.equal([first, second]);
      const [a, b] = feed.ids();
      expect(b).to.equal(a! + 1);
      expect(await kit.events.after(a! - 1, 10)).to.deep.equal(feed.seen);
      expect(await kit.events.after(a!, 10)).to.deep.equal([feed.seen[1]]);
      expect(kit.feed.upToDate()).to.equal(true);
      feed.stop();
      await kit.tx.run(() => kit.events.append(anEvent()));
      expect(feed.seen).to.have.length(2);
    });

    it('delivers the events of concurrent transactions without gap or duplicate, in id order, the log agreeing', async () => {
      const feed = recorder(kit);
      const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          kit.tx.run(async () => {
            await pause();
            await kit.events.append(anEvent({ data: { i } }));
            await pause();
            if (i % 5 === 4) throw new Error('rolled back');
            await kit.events.append(anEvent({ data: { i, second: true } }));
          }).catch(() => undefined),
        ),
      );
      const ids = feed.ids();
      expect(ids).to.have.length(32);
      expect([...ids].sort((x, y) => x - y)).to.deep.equal(ids);
      expect(new Set(ids).size).to.equal(ids.length);
      expect((await kit.events.after(0, 100)).map((e) => e.id)).to.deep.equal(ids);
      // Each transaction's events are delivered together, in the order they were appended.
      for (const [index, event] of feed.seen.entries()) if (event.data.second) expect(feed.seen[index - 1]!.data).to.deep.equal({ i: event.data.i });
    });
  });
}
