import type { Clock } from '../ports/clock.ts';
import type { NotificationRepo } from '../ports/notification-repo.ts';

/** Housekeeping: forgets notifications older than NOTIFICATION_RETENTION_DAYS, read or not. */
export class PruneNotifications {
  constructor(
    private readonly notifications: NotificationRepo,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  /** Resolves with how many went. */
  execute(): Promise<number> {
    return this.notifications.prune(new Date(this.clock.now().getTime() - this.retentionDays * 86_400_000));
  }
}
