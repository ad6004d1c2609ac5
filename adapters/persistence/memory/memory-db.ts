import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transaction } from '../../../application/ports/transaction.ts';

/** Copies a domain object with its prototype, so callers never share mutable state with the store. */
export function copyOf<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  const copy = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
  for (const [key, field] of Object.entries(value)) copy[key] = copyOf(field);
  return copy as T;
}

/**
 * The tables of the in-memory profile. Writes are serialised; a transaction works on the live
 * tables and restores a snapshot when it throws, so the memory adapters roll back like PostgreSQL.
 */
export class MemoryDb implements Transaction {
  private tables = new Map<string, Map<string, unknown>>();
  private readonly inTransaction = new AsyncLocalStorage<true>();
  private queue: Promise<unknown> = Promise.resolve();

  table<T>(name: string): Map<string, T> {
    let table = this.tables.get(name);
    if (!table) this.tables.set(name, (table = new Map()));
    return table as Map<string, T>;
  }

  /** One write, atomic with respect to transactions. */
  write<T>(work: () => T): Promise<T> {
    if (this.inTransaction.getStore()) return Promise.resolve(work());
    return this.serialised(async () => work());
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) return work();
    return this.serialised(async () => {
      const snapshot = new Map([...this.tables].map(([name, rows]) => [name, new Map([...rows].map(([id, row]) => [id, copyOf(row)]))]));
      try {
        return await this.inTransaction.run(true, work);
      } catch (error) {
        this.tables = snapshot;
        throw error;
      }
    });
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
