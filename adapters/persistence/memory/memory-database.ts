import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditEvent } from '../../../application/ports/audit-log.ts';
import type { ChangeEvent, NewEvent } from '../../../application/ports/event-log.ts';
import type { LoginAttempt } from '../../../application/ports/login-history.ts';
import type { Notification } from '../../../application/ports/notification-repo.ts';
import type { Transaction } from '../../../application/ports/transaction.ts';
import type { CategoryState } from '../../../domain/categories/category.ts';
import type { ImageState } from '../../../domain/images/image.ts';
import type { UploadTicketState } from '../../../domain/images/upload-ticket.ts';
import type { ThemeState } from '../../../domain/themes/theme.ts';
import type { RefreshTokenState } from '../../../domain/users/refresh-token.ts';
import type { UserState } from '../../../domain/users/user.ts';

export type FavoriteRow = { userId: string; themeId: string; at: Date };
export type ObjectDeletionRow = { key: string; dueAt: Date };
export type LoginThrottleRow = { login: string; failures: number; lockedUntil: Date | null; lastFailureAt: Date };

/** The tables of the in-memory profile and the rows each holds: the aggregates' plain state. */
type Rows = {
  users: UserState;
  refreshTokens: RefreshTokenState;
  auditEvents: AuditEvent;
  categories: CategoryState;
  themes: ThemeState;
  favorites: FavoriteRow;
  images: ImageState;
  objectDeletions: ObjectDeletionRow;
  uploadTickets: UploadTicketState;
  loginThrottle: LoginThrottleRow;
  loginAttempts: LoginAttempt;
  events: ChangeEvent;
  notifications: Notification;
};
type TableName = keyof Rows;

/** Each table's primary key. */
const PRIMARY_KEYS: { [N in TableName]: (row: Rows[N]) => string } = {
  users: (u) => u.id,
  refreshTokens: (t) => t.id,
  auditEvents: (e) => e.id,
  categories: (c) => c.id,
  themes: (t) => t.id,
  favorites: (f) => `${f.userId}/${f.themeId}`,
  images: (i) => i.id,
  objectDeletions: (d) => d.key,
  uploadTickets: (t) => t.id,
  loginThrottle: (t) => t.login,
  loginAttempts: (a) => a.id,
  events: (e) => String(e.id),
  notifications: (n) => String(n.id),
};

/** The columns of a table that can hold a row id. */
type IdColumn<N extends TableName> = { [C in keyof Rows[N]]: Rows[N][C] extends string | null ? C : never }[keyof Rows[N]];

/** A foreign key: `from.column` holds the primary key of a row of `to`. */
type Relation = { [N in TableName]: { from: N; column: IdColumn<N>; to: TableName; onDelete: 'cascade' | 'restrict' } }[TableName];

/** The foreign keys of the PostgreSQL migrations, declared once: what deleting a row does to the rows that refer to it. */
const RELATIONS: readonly Relation[] = [
  { from: 'refreshTokens', column: 'userId', to: 'users', onDelete: 'cascade' },
  { from: 'loginAttempts', column: 'userId', to: 'users', onDelete: 'cascade' },
  { from: 'themes', column: 'ownerId', to: 'users', onDelete: 'cascade' },
  { from: 'themes', column: 'categoryId', to: 'categories', onDelete: 'restrict' },
  { from: 'favorites', column: 'userId', to: 'users', onDelete: 'cascade' },
  { from: 'favorites', column: 'themeId', to: 'themes', onDelete: 'cascade' },
  { from: 'images', column: 'ownerId', to: 'users', onDelete: 'cascade' },
  { from: 'images', column: 'themeId', to: 'themes', onDelete: 'cascade' },
  { from: 'notifications', column: 'userId', to: 'users', onDelete: 'cascade' },
];

/** A delete refused by an `onDelete: 'restrict'` relation, as PostgreSQL refuses it (SQLSTATE 23001). */
export class RestrictViolation extends Error {
  constructor(readonly relation: Relation) {
    super(`${relation.from}.${String(relation.column)} still refers to the ${relation.to} row`);
  }
}

/**
 * One table as the adapters see it. Rows are copied in and out, so no caller shares state with the
 * store; rows are deleted through MemoryDatabase.delete, which applies the relations.
 */
export interface Table<Row> {
  get(key: string): Row | undefined;
  has(key: string): boolean;
  find(match: (row: Readonly<Row>) => boolean): Row | undefined;
  filter(match?: (row: Readonly<Row>) => boolean): Row[];
  /** Inserts, or replaces the row with the same primary key. */
  put(row: Row): void;
}

/** The rows of every table a transaction works on: copies of the committed maps, swapped in on commit. */
type WorkingSet = Map<StoredTable<unknown>, Map<string, unknown>>;

/** An open transaction: its working copy of the tables, and the events it appended. */
type OpenTransaction = { working: WorkingSet; events: ChangeEvent[] };

class StoredTable<Row> implements Table<Row> {
  private committed = new Map<string, Row>();

  constructor(
    private readonly keyOf: (row: Row) => string,
    private readonly working: () => WorkingSet | undefined,
  ) {}

  /** Inside a transaction, its own copy (it sees its writes, nobody else does); outside, what was committed. */
  private get rows(): Map<string, Row> {
    const set = this.working();
    if (!set) return this.committed;
    let rows = set.get(this as StoredTable<unknown>) as Map<string, Row> | undefined;
    // Rows are never changed in place (put replaces them), so a copy of the map is a snapshot.
    if (!rows) set.set(this as StoredTable<unknown>, (rows = new Map(this.committed)));
    return rows;
  }

  get(key: string): Row | undefined {
    const row = this.rows.get(key);
    return row && structuredClone(row);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  find(match: (row: Readonly<Row>) => boolean): Row | undefined {
    for (const row of this.rows.values()) if (match(row)) return structuredClone(row);
    return undefined;
  }

  filter(match: (row: Readonly<Row>) => boolean = () => true): Row[] {
    return this.keysWhere(match).map((key) => structuredClone(this.rows.get(key)!));
  }

  put(row: Row): void {
    this.rows.set(this.keyOf(row), structuredClone(row));
  }

  keysWhere(match: (row: Readonly<Row>) => boolean): string[] {
    return [...this.rows].filter(([, row]) => match(row)).map(([key]) => key);
  }

  deleteKeys(keys: Iterable<string>): void {
    const rows = this.rows;
    for (const key of keys) rows.delete(key);
  }

  /** A transaction committed: its copy becomes what everyone sees. */
  commit(rows: Map<string, Row>): void {
    this.committed = rows;
  }
}

type StoredTables = { [N in TableName]: StoredTable<Rows[N]> };

/**
 * The database of the in-memory profile, used by the memory adapters only. Writes are serialised;
 * a transaction works on its own copy of the tables, swapped in when it commits and dropped when it
 * throws, so the memory adapters roll back as PostgreSQL does and nobody reads uncommitted rows; deletes
 * follow the same foreign keys. Events appended in a transaction are handed to the commit listeners
 * once it commits, before `run` resolves.
 */
export class MemoryDatabase implements Transaction {
  private readonly stored = Object.fromEntries(
    Object.entries(PRIMARY_KEYS).map(([name, keyOf]) => [name, new StoredTable(keyOf as (row: unknown) => string, () => this.inTransaction.getStore()?.working)]),
  ) as StoredTables;
  readonly tables: { readonly [N in TableName]: Table<Rows[N]> } = this.stored;
  private readonly inTransaction = new AsyncLocalStorage<OpenTransaction>();
  private queue: Promise<unknown> = Promise.resolve();
  private lastEventId = 0;
  private readonly commitListeners = new Set<(events: readonly ChangeEvent[]) => void>();

  /** Appends an event to the open transaction (ids grow with commit order: transactions run one at a time). */
  appendEvent(event: NewEvent): void {
    const transaction = this.inTransaction.getStore();
    if (!transaction) throw new Error('events are appended inside the transaction of the change they tell of');
    const stored = { ...event, id: ++this.lastEventId };
    this.stored.events.put(stored);
    transaction.events.push(stored);
  }

  /** Called with the events of each transaction that commits, synchronously, before its `run` resolves. */
  onCommit(listener: (events: readonly ChangeEvent[]) => void): () => void {
    this.commitListeners.add(listener);
    return () => void this.commitListeners.delete(listener);
  }

  /**
   * Deletes the rows of `name` that match, and the rows that refer to them as RELATIONS say:
   * cascading, or refused with RestrictViolation (then nothing is deleted). Returns the matched rows.
   */
  delete<N extends TableName>(name: N, match: (row: Readonly<Rows[N]>) => boolean): Rows[N][] {
    const table: StoredTable<Rows[N]> = this.stored[name];
    const keys = table.keysWhere(match);
    const deleted = keys.map((key) => table.get(key)!);
    const doomed = new Map<TableName, Set<string>>();
    this.collect(name, keys, doomed);
    for (const [from, doomedKeys] of doomed) this.stored[from].deleteKeys(doomedKeys);
    return deleted;
  }

  /** Adds `keys` of `name` and, recursively, the rows that refer to them to `doomed`. */
  private collect(name: TableName, keys: string[], doomed: Map<TableName, Set<string>>): void {
    const already = doomed.get(name) ?? new Set<string>();
    doomed.set(name, already);
    const added = new Set(keys.filter((key) => !already.has(key)));
    for (const key of added) already.add(key);
    if (!added.size) return;
    for (const relation of RELATIONS) {
      if (relation.to !== name) continue;
      const from = this.stored[relation.from] as StoredTable<unknown>;
      const column = relation.column as string;
      const referring = from.keysWhere((row) => added.has((row as Record<string, unknown>)[column] as string));
      if (!referring.length) continue;
      if (relation.onDelete === 'restrict') throw new RestrictViolation(relation);
      this.collect(relation.from, referring, doomed);
    }
  }

  /** One write, atomic with respect to transactions. */
  write<T>(work: () => T): Promise<T> {
    if (this.inTransaction.getStore()) return Promise.resolve(work());
    return this.serialised(async () => work());
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) return work();
    return this.serialised(async () => {
      const transaction: OpenTransaction = { working: new Map(), events: [] };
      const result = await this.inTransaction.run(transaction, work);
      for (const [table, rows] of transaction.working) table.commit(rows);
      if (transaction.events.length) for (const listener of this.commitListeners) listener(transaction.events);
      return result;
    });
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
