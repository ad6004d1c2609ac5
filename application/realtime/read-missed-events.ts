import type { Clock } from '../ports/clock.ts';
import type { ChangeEvent, EventLog } from '../ports/event-log.ts';

/**
 * Committed events after `afterId`, oldest first, for a socket resuming with `since`: no further
 * back than the retention (EVENT_RETENTION, 24 h), even before the housekeeping has pruned them.
 */
export class ReadMissedEvents {
  constructor(
    private readonly log: EventLog,
    private readonly clock: Clock,
    private readonly retentionSeconds: number,
  ) {}

  /** `next`: where the following read starts; `done` when nothing more had committed. */
  async execute(afterId: number, limit: number): Promise<{ events: ChangeEvent[]; next: number; done: boolean }> {
    const oldest = this.clock.now().getTime() - this.retentionSeconds * 1000;
    const read = await this.log.after(afterId, limit);
    return { events: read.filter((e) => e.at.getTime() >= oldest), next: read.at(-1)?.id ?? afterId, done: read.length < limit };
  }
}
