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

  /**
   * Whether the log still holds everything after `since`: the event `since` names is kept and inside
   * the retention (from the start, the first event ever is). Else a resume from it has a gap, and the
   * client should read the current state again rather than trust the events alone.
   */
  async reaches(since: number): Promise<boolean> {
    const oldest = this.clock.now().getTime() - this.retentionSeconds * 1000;
    const [kept] = await this.log.after(Math.max(0, since - 1), 1);
    if (since === 0) return kept === undefined || (kept.id === 1 && kept.at.getTime() >= oldest);
    return kept?.id === since && kept.at.getTime() >= oldest;
  }

  /** `next`: where the following read starts; `done` when nothing more had committed. */
  async execute(afterId: number, limit: number): Promise<{ events: ChangeEvent[]; next: number; done: boolean }> {
    const oldest = this.clock.now().getTime() - this.retentionSeconds * 1000;
    const read = await this.log.after(afterId, limit);
    return { events: read.filter((e) => e.at.getTime() >= oldest), next: read.at(-1)?.id ?? afterId, done: read.length < limit };
  }
}
