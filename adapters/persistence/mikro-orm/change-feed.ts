import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ChangeFeed, FeedSubscriber } from '../../../application/ports/change-feed.ts';
import type { ChangeEvent } from '../../../application/ports/event-log.ts';
import type { Orm } from './orm.ts';
import { EVENT_COLUMNS, EVENTS_CHANNEL, outboxOf, toChangeEvent, type EventRow } from './outbox.ts';

/** Where each instance says how far it has delivered: `<instance id> <last event id>`, or `<instance id> bye`. */
const ACKS_CHANNEL = 'themes_api_event_acks';

export type FeedOptions = {
  /** Told of listener failures and subscriber errors; the feed itself carries on. */
  onError?: (error: unknown, context: string) => void;
  /** How often an idle listener proves its connection answers, and tells the other instances it is there. */
  heartbeatMs?: number;
  /** The longest a writer waits for its events to be delivered by every instance before it answers anyway. */
  deliveryTimeoutMs?: number;
};

const BATCH = 500;
const BACKOFF_MS = { first: 100, max: 5000 };

type Peer = { seen: number; heardAt: number };

/**
 * The change feed of every instance on one database: LISTEN on a connection of its own (outside
 * the pool, as LISTEN needs), NOTIFY payloads as hints only ("events up to id N committed"), and
 * the events themselves read from the table after the last id seen, in id order. Writers hold an
 * advisory lock from inserting their events to committing (outbox.ts), so ids become visible in
 * id order and "after the last id seen" never skips an event that commits late: no gap, no
 * duplicate, also across reconnections.
 *
 * - A notification marks the feed behind at once (synchronously, before any await), so caches stop
 *   serving until the events are read and delivered.
 * - Each instance announces how far it has delivered (on a second channel, after each delivery and
 *   at every heartbeat). A writer answers once its events have been delivered here and by every
 *   instance heard from lately: a change is visible to the very next read on any instance. An
 *   instance that stays silent past the delivery timeout is not waited for again until it speaks.
 * - A lost connection interrupts every subscriber synchronously and reconnects with backoff; once
 *   listening again, it reads what it missed from the table and delivers it, then is up to date.
 */
export class PostgresChangeFeed implements ChangeFeed {
  private readonly instanceId = randomUUID();
  private readonly subscribers = new Set<FeedSubscriber>();
  private readonly peers = new Map<string, Peer>();
  private client: pg.Client | undefined;
  private listening = false;
  private stopped = false;
  /** The last event id delivered, and the largest id known to have committed. */
  private seen = 0;
  private known = 0;
  private reading: Promise<void> | undefined;
  private readonly waiters = new Set<{ id: number; done: () => void }>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private backoff = BACKOFF_MS.first;

  constructor(
    orm: Orm,
    private readonly url: string,
    private readonly options: FeedOptions = {},
  ) {
    outboxOf(orm).deliveredBy(this);
  }

  /** Connects and starts listening; events committed from now on are delivered. */
  async start(): Promise<void> {
    await this.connect(false);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    const client = this.client;
    if (client && this.listening) await client.query(`select pg_notify($1, $2)`, [ACKS_CHANNEL, `${this.instanceId} bye`]).catch(() => undefined);
    this.setListening(false);
    await client?.end().catch(() => undefined);
    await this.reading?.catch(() => undefined);
  }

  subscribe(subscriber: FeedSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => void this.subscribers.delete(subscriber);
  }

  upToDate(): boolean {
    return this.listening && this.seen >= this.known;
  }

  /**
   * Resolves once `id` was delivered here and by every other instance heard from lately; at once
   * when this feed is cut off (its caches serve nothing then), and after the delivery timeout at
   * the latest (instances that did not answer are then not waited for until they speak again).
   */
  waitFor(id: number): Promise<void> {
    if (this.delivered(id)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        id,
        done: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        for (const [peer, state] of this.livePeers()) if (state.seen < id) this.peers.delete(peer);
        waiter.done();
      }, this.options.deliveryTimeoutMs ?? 2000);
      this.waiters.add(waiter);
    });
  }

  /** The connection id of the listener, for tests that cut it (pg_terminate_backend). */
  listenerPid(): number | undefined {
    return (this.client as unknown as { processID?: number } | undefined)?.processID;
  }

  private delivered(id: number): boolean {
    if (!this.listening) return true;
    return this.seen >= id && [...this.livePeers()].every(([, peer]) => peer.seen >= id);
  }

  private *livePeers(): Iterable<[string, Peer]> {
    const since = Date.now() - 3 * (this.options.heartbeatMs ?? 15_000);
    for (const entry of this.peers) if (entry[1].heardAt >= since) yield entry;
  }

  private async connect(catchUp: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the listener connection ended')));
    client.on('notification', (message) => {
      if (client !== this.client) return;
      if (message.channel === ACKS_CHANNEL) return this.heard(message.payload ?? '');
      // Synchronously: from here until the events are delivered, the feed is not up to date.
      this.known = Math.max(this.known, Number(message.payload) || 0);
      void this.readNew();
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${EVENTS_CHANNEL}; listen ${ACKS_CHANNEL}`);
      // What committed before LISTEN took effect is in the table: read up to it (after a reconnection),
      // or start from it (at the first start: subscribers learn of changes from now on).
      const { rows } = await client.query<{ last: string }>(`select coalesce(max(id), 0)::text as last from events`);
      const last = Number(rows[0]!.last);
      if (!catchUp) this.seen = last;
      this.known = Math.max(this.known, last);
    } catch (error) {
      this.lost(client, error);
      throw error;
    }
    this.setListening(true);
    this.backoff = BACKOFF_MS.first;
    this.heartbeat = setInterval(() => void this.beat(client), this.options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
    await this.readNew();
    this.announce();
  }

  /** Another instance told how far it has delivered (or that it stops). */
  private heard(payload: string): void {
    const [instance, state] = payload.split(' ');
    if (!instance || instance === this.instanceId) return;
    if (state === 'bye') this.peers.delete(instance);
    else this.peers.set(instance, { seen: Number(state) || 0, heardAt: Date.now() });
    this.settleWaiters();
  }

  /** Tells the other instances how far this one has delivered (they wait for it before answering a write). */
  private announce(): void {
    const client = this.client;
    if (!client || !this.listening) return;
    client.query(`select pg_notify($1, $2)`, [ACKS_CHANNEL, `${this.instanceId} ${this.seen}`]).catch(() => undefined);
  }

  /** Reads and delivers everything after the last id seen, one reader at a time, until up to date. */
  private readNew(): Promise<void> {
    this.reading ??= this.readLoop().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async readLoop(): Promise<void> {
    try {
      while (this.listening && this.seen < this.known) {
        const client = this.client!;
        const target = this.known;
        const { rows } = await client.query<EventRow>(`select ${EVENT_COLUMNS} from events where id > $1 order by id limit ${BATCH}`, [this.seen]);
        if (client !== this.client || !this.listening) return;
        if (rows.length) this.deliver(rows.map(toChangeEvent));
        // Fewer than a batch: everything committed up to `target` has been read (ids up to it that
        // are missing were rolled back, or pruned).
        if (rows.length < BATCH) this.seen = Math.max(this.seen, target);
        this.settleWaiters();
        this.announce();
      }
    } catch (error) {
      this.options.onError?.(error, 'reading the change feed');
    }
  }

  private deliver(events: ChangeEvent[]): void {
    this.seen = events.at(-1)!.id;
    for (const subscriber of this.subscribers) {
      try {
        subscriber.events(events);
      } catch (error) {
        this.options.onError?.(error, 'a change feed subscriber');
      }
    }
  }

  private settleWaiters(): void {
    for (const waiter of this.waiters) if (this.delivered(waiter.id)) waiter.done();
  }

  private setListening(listening: boolean): void {
    const was = this.listening;
    this.listening = listening;
    if (was && !listening) {
      for (const subscriber of this.subscribers) {
        try {
          subscriber.interrupted();
        } catch (error) {
          this.options.onError?.(error, 'a change feed subscriber');
        }
      }
    }
    this.settleWaiters();
  }

  /** The listener's connection failed or ended: interrupt at once, then reconnect with backoff. */
  private lost(client: pg.Client, error: unknown): void {
    if (client !== this.client) return;
    this.client = undefined;
    clearInterval(this.heartbeat);
    this.setListening(false);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.options.onError?.(error, 'the change feed listener lost its connection; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = this.backoff * (0.5 + Math.random() / 2);
    this.backoff = Math.min(this.backoff * 2, BACKOFF_MS.max);
    this.retry = setTimeout(() => {
      if (this.stopped) return;
      // A failed attempt has called `lost`, which schedules the next one.
      this.connect(true).catch(() => undefined);
    }, delay);
    this.retry.unref();
  }

  /** An idle connection can die without a word (a silent network): prove it answers, or drop it. Doubles as this instance's presence. */
  private async beat(client: pg.Client): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        client.query(`select pg_notify($1, $2)`, [ACKS_CHANNEL, `${this.instanceId} ${this.seen}`]),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('the listener connection stopped answering')), 5000);
        }),
      ]);
    } catch (error) {
      this.lost(client, error);
    } finally {
      clearTimeout(timer);
    }
  }
}
