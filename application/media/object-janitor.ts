import type { Clock } from '../ports/clock.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { ObjectStore } from '../ports/object-store.ts';

/** How old the remains of an unfinished put must be before they go: no upload takes that long. */
const UNFINISHED_WRITE_GRACE_MS = 3600_000;

/**
 * Deletes objects whose rows are gone, and the remains of writes a killed process never finished. A key is forgotten only once the store has deleted it, so a
 * failure (or a crash) leaves it scheduled, and a later sweep (at start, then periodically) retries.
 */
export class ObjectJanitor {
  constructor(
    private readonly store: ObjectStore,
    private readonly cleanup: ObjectCleanup,
    private readonly clock: Clock,
  ) {}

  /** Best effort now; whatever fails stays scheduled. Returns whether everything went. */
  async purge(keys: string[]): Promise<boolean> {
    if (!keys.length) return true;
    try {
      await this.store.deleteMany(keys);
      await this.cleanup.done(keys);
      return true;
    } catch {
      return false;
    }
  }

  /** Deletes what is due, a batch at a time, then unfinished writes older than the grace period; returns how many went. */
  async sweep(batch = 100): Promise<number> {
    const due = await this.sweepDue(batch);
    return due + (await this.store.abortUnfinished(new Date(this.clock.now().getTime() - UNFINISHED_WRITE_GRACE_MS)));
  }

  private async sweepDue(batch: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const keys = await this.cleanup.due(this.clock.now(), batch);
      if (!keys.length || !(await this.purge(keys))) return deleted;
      deleted += keys.length;
      if (keys.length < batch) return deleted;
    }
  }
}
