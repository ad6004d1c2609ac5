import { MikroORM, RequestContext, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrations } from './migrations/index.ts';
import { driverTranslatingOutages, type AvailabilityListener } from './outages.ts';
import { outboxOf } from './outbox.ts';
import { AuditEventSchema } from './schemas/audit-event.ts';
import { CategorySchema } from './schemas/category.ts';
import { ThemeSchema } from './schemas/theme.ts';
import { ImageSchema } from './schemas/image.ts';
import { RefreshTokenSchema } from './schemas/refresh-token.ts';
import { UserSchema } from './schemas/user.ts';
import { LoginAttemptSchema } from './schemas/login-attempt.ts';

export type Orm = MikroORM;

export const entities = [UserSchema, RefreshTokenSchema, AuditEventSchema, CategorySchema, ThemeSchema, ImageSchema, LoginAttemptSchema];

/** Bounds on every wait, so that a dead or frozen database fails requests quickly instead of hanging them. */
export type DatabaseTimeouts = {
  /** Opening a connection, and waiting for a free one in the pool. */
  connectMs: number;
  /** One statement: PostgreSQL cancels it (statement_timeout), and the client gives up a second later if the server is silent. Unset: unbounded. */
  statementMs?: number;
};

export type OrmOptions = {
  poolMax?: number;
  onQuery?: (sql: string) => void;
  /** Unset: no bounds. */
  timeouts?: DatabaseTimeouts;
  onAvailability?: AvailabilityListener;
  /** Creates the database on first connect when it is missing (the default). A serving ORM says false: a database gone is an error, not a fresh start. */
  createMissingDatabase?: boolean;
};

/**
 * Connects and maps the domain classes. The identity map is off: every read returns fresh domain
 * objects and every write is an explicit statement, the same semantics as the memory adapters.
 * Connection failures and timeouts surface as `Unavailable` (see outages.ts).
 */
export async function openOrm(clientUrl: string, options: OrmOptions = {}): Promise<Orm> {
  const timeouts = options.timeouts;
  return MikroORM.init({
    driver: driverTranslatingOutages(options.onAvailability),
    clientUrl,
    entities,
    extensions: [Migrator],
    // No schema snapshot: migrations are hand-written, and the migrator would write .snapshot-*.json into the working directory.
    migrations: { migrationsList: migrations, tableName: 'schema_migrations', transactional: true, allOrNothing: true, silent: true, snapshot: false },
    disableIdentityMap: true,
    allowGlobalContext: true,
    pool: { min: 0, max: options.poolMax ?? 10 },
    ensureDatabase: options.createMissingDatabase ?? true,
    ...(timeouts
      ? {
          // pg's Pool takes these: the first bounds connecting and waiting in the pool's queue.
          driverOptions: {
            connectionTimeoutMillis: timeouts.connectMs,
            keepAlive: true,
            ...(timeouts.statementMs ? { statement_timeout: timeouts.statementMs, query_timeout: timeouts.statementMs + 1000 } : {}),
          },
        }
      : {}),
    // Tests count statements through onQuery; otherwise the ORM logs nothing of its own.
    debug: options.onQuery ? ['query'] : false,
    ...(options.onQuery ? { logger: options.onQuery } : {}),
  });
}

/** Applies the pending migrations; when any ran, the planner gets statistics for what they created or moved. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  if (applied.length) await analyze(orm);
  return applied.map((m) => m.name);
}

/**
 * ANALYZE of this schema's tables, after migrations and bulk loads: until then the planner has no
 * statistics (autovacuum gets there late, and never for fewer than 50 changed rows). The system
 * catalogs are left alone: analysing the whole database costs 20 times as much.
 */
export async function analyze(orm: Orm): Promise<void> {
  const connection = orm.em.getConnection();
  const tables = await connection.execute<{ name: string }[]>(`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = current_schema()`);
  if (tables.length) await connection.execute(`analyze ${tables.map((t) => t.name).join(', ')}`);
}

/** The EntityManager of the current transaction or request, or a fresh fork outside both. */
export function contextEm(orm: Orm): EntityManager {
  const em = orm.em.getContext(false);
  return em === orm.em ? orm.em.fork() : em;
}

/** One EntityManager fork for everything `work` does (a request, a CLI command). */
export function requestScope(orm: Orm) {
  return <T>(work: () => Promise<T>): Promise<T> => RequestContext.create(orm.em, work);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive from URLs: anything that is not a UUID names nothing, as in the memory adapter. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/**
 * Runs several statements as one: inside the caller's transaction, or in a new one. A new one
 * writes the events appended in it just before it commits, and returns once they have reached this
 * instance's change feed.
 */
export async function atomically<T>(orm: Orm, work: () => Promise<T>): Promise<T> {
  const em = orm.em.getContext(false);
  if (em.isInTransaction()) return work();
  const outbox = outboxOf(orm);
  let lastId = 0;
  const result = await em.transactional(async (tx) => {
    const value = await work();
    lastId = await outbox.flush(tx);
    return value;
  });
  await outbox.delivered(lastId);
  return result;
}

export function hasSqlState(error: unknown, ...states: string[]): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && states.includes(code);
}

/** Runs a write and turns unique-key violations into the domain errors the memory adapter throws too. */
export async function translatingUniqueViolations<T>(work: () => Promise<T>, byConstraint: Record<string, () => Error>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      for (const [constraint, toError] of Object.entries(byConstraint)) if (error.message.includes(constraint)) throw toError();
    }
    throw error;
  }
}
