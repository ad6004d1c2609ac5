import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangeEvent, NewEvent } from '../../../application/ports/event-log.ts';

/** The NOTIFY channel of the change feed. Payloads are event ids only (NOTIFY caps them at 8000 bytes). */
export const EVENTS_CHANNEL = 'themes_api_events';

/**
 * An advisory lock every writer holds from inserting its events to its commit. Ids are handed out
 * (nextval) only under it, and PostgreSQL makes a transaction visible before it releases its
 * locks, so events become visible in id order: a reader that has seen id N will never see a
 * smaller id commit later. The lock is taken last, when only the insert and the commit remain, so
 * it cannot take part in a deadlock; it serialises only that last millisecond of each write.
 */
const APPEND_LOCK = 7_226_354_118;

/** The columns of an event row, as the feed's reader and the log's `after` select them. */
export const EVENT_COLUMNS = 'id, at, type, actor_id, theme_id, user_id, category_id, image_id, audience, data';

export type EventRow = {
  id: string | number;
  at: Date | string;
  type: ChangeEvent['type'];
  actor_id: string | null;
  theme_id: string | null;
  user_id: string | null;
  category_id: string | null;
  image_id: string | null;
  audience: ChangeEvent['audience'];
  data: Record<string, unknown>;
};

/** Ids are bigserial; Number is exact far beyond any id this log will reach (2^53). */
export function toChangeEvent(row: EventRow): ChangeEvent {
  return {
    id: Number(row.id),
    at: new Date(row.at),
    type: row.type,
    actorId: row.actor_id,
    subject: { themeId: row.theme_id, userId: row.user_id, categoryId: row.category_id, imageId: row.image_id },
    audience: row.audience,
    data: row.data,
  };
}

/** Who delivers committed events in this process: a writer waits for it, so its own instance has evicted before it answers. */
export type Delivery = { waitFor(id: number): Promise<void> };

/**
 * Events appended in a transaction wait here, by the transaction's EntityManager, until it is about
 * to commit (`flush`): a failed statement inside the transaction never consumed an id, and the
 * append lock is held for as short a time as possible.
 */
export class Outbox {
  private readonly pending = new WeakMap<EntityManager, NewEvent[]>();
  private delivery: Delivery | undefined;

  add(em: EntityManager, event: NewEvent): void {
    const events = this.pending.get(em) ?? [];
    events.push(event);
    this.pending.set(em, events);
  }

  deliveredBy(delivery: Delivery): void {
    this.delivery = delivery;
  }

  /** Inside the transaction, just before its commit: writes its events and notifies. Returns the last id, 0 when none. */
  async flush(em: EntityManager): Promise<number> {
    const events = this.pending.get(em);
    this.pending.delete(em);
    if (!events?.length) return 0;
    await em.execute(`select pg_advisory_xact_lock(?)`, [APPEND_LOCK]);
    const rows = JSON.stringify(
      events.map((e) => ({ ...e.subject, at: e.at.toISOString(), type: e.type, actorId: e.actorId, audience: e.audience, data: e.data })),
    );
    const [row] = await em.execute<{ last: string }[]>(
      `with written as (
         insert into events (at, type, actor_id, theme_id, user_id, category_id, image_id, audience, data)
         select (v->>'at')::timestamptz, v->>'type', (v->>'actorId')::uuid, (v->>'themeId')::uuid, (v->>'userId')::uuid,
                (v->>'categoryId')::uuid, (v->>'imageId')::uuid, v->>'audience', v->'data'
         from jsonb_array_elements(?::jsonb) with ordinality as e(v, n) order by n
         returning id)
       select max(id)::text as last, pg_notify(?, max(id)::text) from written`,
      [rows, EVENTS_CHANNEL],
    );
    return Number(row!.last);
  }

  /** After the commit: until this instance's subscribers have the events (or the feed is cut off). */
  async delivered(lastId: number): Promise<void> {
    if (lastId && this.delivery) await this.delivery.waitFor(lastId);
  }
}

const outboxes = new WeakMap<object, Outbox>();

/** The outbox of one ORM (one database), shared by its transactions, its event log and its feed. */
export function outboxOf(orm: object): Outbox {
  let outbox = outboxes.get(orm);
  if (!outbox) outboxes.set(orm, (outbox = new Outbox()));
  return outbox;
}
