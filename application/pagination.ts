import { z } from 'zod';
import { InvalidCursor } from '../domain/errors.ts';
import type { CursorSealer } from './ports/cursor-sealer.ts';
import { text } from './validation.ts';

export const PageInput = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: text().max(2000).optional(),
};

export type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * Opaque keyset cursors: the position, sealed together with the query it belongs to. A cursor that
 * was forged, mangled, or issued for another query is refused, never run.
 */
export class Cursors {
  constructor(private readonly sealer: CursorSealer) {}

  encode(query: unknown, position: unknown): string {
    return this.sealer.seal(JSON.stringify({ q: query, p: position }));
  }

  decode<T>(query: unknown, cursor: string, position: z.ZodType<T>): T {
    const payload = this.sealer.open(cursor);
    if (payload === null) throw new InvalidCursor();
    try {
      const parsed = JSON.parse(payload) as { q: unknown; p: unknown };
      if (JSON.stringify(parsed.q) !== JSON.stringify(query)) throw new InvalidCursor();
      return position.parse(parsed.p);
    } catch {
      throw new InvalidCursor();
    }
  }

  /** Fetches one more than the page to know whether another page follows. */
  async page<T, K>(query: unknown, limit: number, fetch: (limit: number) => Promise<T[]>, keyOf: (item: T) => K): Promise<Page<T>> {
    const rows = await fetch(limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last !== undefined ? this.encode(query, keyOf(last)) : null };
  }
}
