import type { ObjectCleanup } from '../../../application/ports/object-cleanup.ts';
import { contextEm, type Orm } from './orm.ts';

const keysParam = `array(select jsonb_array_elements_text(?::jsonb))`;

export class MikroOrmObjectCleanup implements ObjectCleanup {
  constructor(private readonly orm: Orm) {}

  async schedule(keys: string[], dueAt: Date): Promise<void> {
    if (!keys.length) return;
    await contextEm(this.orm).execute(
      `insert into object_deletions (key, due_at) select k, ? from unnest(${keysParam}) as k
       on conflict (key) do update set due_at = least(object_deletions.due_at, excluded.due_at)`,
      [dueAt, JSON.stringify(keys)],
    );
  }

  async cancel(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await contextEm(this.orm).execute(`delete from object_deletions where key = any(${keysParam})`, [JSON.stringify(keys)]);
  }

  async due(now: Date, limit: number): Promise<string[]> {
    const rows = await contextEm(this.orm).execute<{ key: string }[]>(`select key from object_deletions where due_at <= ? order by due_at limit ?`, [now, limit]);
    return rows.map((r) => r.key);
  }

  async countDue(now: Date): Promise<number> {
    const [row] = await contextEm(this.orm).execute<{ due: string }[]>(`select count(*) as due from object_deletions where due_at <= ?`, [now]);
    return Number(row?.due ?? 0);
  }

  done(keys: string[]): Promise<void> {
    return this.cancel(keys);
  }
}
