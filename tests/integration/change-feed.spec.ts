import { expect } from 'chai';
import pg from 'pg';
import { PostgresChangeFeed } from '../../adapters/persistence/mikro-orm/change-feed.ts';
import { PostgresEventLog } from '../../adapters/persistence/mikro-orm/event-log.ts';
import { migrate, openOrm, type Orm } from '../../adapters/persistence/mikro-orm/orm.ts';
import { MikroOrmTransaction } from '../../adapters/persistence/mikro-orm/transaction.ts';
import { anEvent, recorder } from '../contract/change-feed.contract.ts';
import { freshDatabaseUrl } from '../support/services.ts';

/** One server instance's view of the database: its ORM, its event log and its own listener. */
type Instance = { orm: Orm; feed: PostgresChangeFeed; events: PostgresEventLog; tx: MikroOrmTransaction; close(): Promise<void> };

async function instance(url: string): Promise<Instance> {
  const orm = await openOrm(url, { poolMax: 4 });
  await migrate(orm);
  const feed = new PostgresChangeFeed(orm, url, { heartbeatMs: 200 });
  await feed.start();
  return {
    orm,
    feed,
    events: new PostgresEventLog(orm),
    tx: new MikroOrmTransaction(orm),
    close: async () => {
      await feed.stop();
      await orm.close();
    },
  };
}

const until = async (condition: () => boolean, what: string, ms = 5000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) expect.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('PostgreSQL change feed: LISTEN/NOTIFY across instances, ordering and reconnection', function () {
  this.timeout(30_000);
  let url: string;
  let a: Instance;
  let b: Instance;
  let sql: pg.Client;

  beforeEach(async () => {
    url = await freshDatabaseUrl();
    a = await instance(url);
    b = await instance(url);
    sql = new pg.Client({ connectionString: url });
    await sql.connect();
  });
  afterEach(async () => {
    await sql.end();
    await a.close();
    await b.close();
  });

  it('delivers what one instance commits to the other instance’s subscribers, in order', async () => {
    const onB = recorder(b);
    await a.tx.run(async () => {
      await a.events.append(anEvent({ data: { n: 1 } }));
      await a.events.append(anEvent({ data: { n: 2 } }));
    });
    await until(() => onB.seen.length === 2, 'B has both events');
    expect(onB.seen.map((e) => e.data.n)).to.deep.equal([1, 2]);
    expect(b.feed.upToDate()).to.equal(true);
  });

  it('answers a writer only once every listening instance has delivered its events (the next read anywhere is fresh)', async () => {
    const onB = recorder(b);
    const c = await instance(url);
    try {
      const onC = recorder(c);
      await new Promise((resolve) => setTimeout(resolve, 50)); // C has said it is there
      for (let i = 0; i < 5; i++) {
        await a.tx.run(() => a.events.append(anEvent({ data: { i } })));
        // No waiting here: when the write returns, B and C already have it.
        expect(onB.seen.map((e) => e.data.i)).to.deep.include(i);
        expect(onC.seen.map((e) => e.data.i)).to.deep.include(i);
      }
    } finally {
      await c.close();
    }
    // C said goodbye: A's writes do not wait for it.
    const started = Date.now();
    await a.tx.run(() => a.events.append(anEvent()));
    expect(Date.now() - started).to.be.below(1000);
  });

  it('never hands out an id before a smaller one that is still in flight: a later writer waits for the earlier commit', async () => {
    const onB = recorder(b);
    // A writer (as the outbox writes) holds the append lock with an uncommitted event.
    await sql.query('begin');
    await sql.query('select pg_advisory_xact_lock(7226354118)');
    const inflight = Number(
      (await sql.query(`insert into events (at, type, audience, data) values (now(), 'category.created', 'public', '{"n":"first"}') returning id`)).rows[0].id,
    );
    let secondDone = false;
    const second = a.tx.run(() => a.events.append(anEvent({ data: { n: 'second' } }))).then(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The second writer cannot get an id while the first is in flight, so no reader can see a larger id first.
    expect(secondDone).to.equal(false);
    expect((await b.events.after(0, 10)).map((e) => e.id)).to.deep.equal([]);
    await sql.query(`select pg_notify('themes_api_events', $1)`, [String(inflight)]);
    await sql.query('commit');
    await second;
    await until(() => onB.seen.length === 2, 'B has both events');
    expect(onB.seen.map((e) => e.data.n)).to.deep.equal(['first', 'second']);
    expect(onB.ids()[1]).to.be.greaterThan(inflight);
  });

  it('survives a killed listener: interrupts at once, reconnects, then delivers what it missed, without duplicates', async () => {
    const onB = recorder(b);
    await a.tx.run(() => a.events.append(anEvent({ data: { n: 'before' } })));
    await until(() => onB.seen.length === 1, 'B has the first event');

    await sql.query('select pg_terminate_backend($1)', [b.feed.listenerPid()]);
    await until(() => onB.interruptions() === 1, 'B is interrupted');
    expect(b.feed.upToDate()).to.equal(false);
    // Committed while B is not listening: NOTIFY is never replayed, the table is.
    await a.tx.run(() => a.events.append(anEvent({ data: { n: 'while away' } })));
    await a.tx.run(() => a.events.append(anEvent({ data: { n: 'also away' } })));

    await until(() => b.feed.upToDate(), 'B is up to date again', 10_000);
    expect(onB.seen.map((e) => e.data.n)).to.deep.equal(['before', 'while away', 'also away']);
    await a.tx.run(() => a.events.append(anEvent({ data: { n: 'after' } })));
    await until(() => onB.seen.length === 4, 'B has the event after reconnecting');
    expect(new Set(onB.ids()).size).to.equal(4);
    expect(onB.interruptions()).to.equal(1);
  });

  it('marks itself behind as soon as a notification arrives, before the events are read', async () => {
    const states: boolean[] = [];
    b.feed.subscribe({ events: () => states.push(b.feed.upToDate()), interrupted: () => undefined });
    const client = (b.feed as unknown as { client: pg.Client }).client;
    const notified = new Promise<boolean>((resolve) => client.once('notification', () => queueMicrotask(() => resolve(b.feed.upToDate()))));
    await a.tx.run(() => a.events.append(anEvent()));
    expect(await notified).to.equal(false);
    await until(() => states.length === 1, 'B delivered');
    expect(b.feed.upToDate()).to.equal(true);
  });
});
