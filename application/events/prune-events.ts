import type { Clock } from '../ports/clock.ts';
import type { EventLog } from '../ports/event-log.ts';

/** Forgets change events older than the retention (EVENT_RETENTION): how far back a reader can resume. Run now and then. */
export class PruneEvents {
  constructor(
    private readonly log: EventLog,
    private readonly clock: Clock,
    private readonly retentionSeconds: number,
  ) {}

  execute(): Promise<number> {
    return this.log.prune(new Date(this.clock.now().getTime() - this.retentionSeconds * 1000));
  }
}
