import type { Actor } from '../actor.ts';
import { notificationFor } from '../notifications/notification-rules.ts';
import type { Clock } from '../ports/clock.ts';
import type { Audience, EventLog, EventSubject, EventType, NewEvent } from '../ports/event-log.ts';
import type { NotificationRepo } from '../ports/notification-repo.ts';

/**
 * Fills in the who and when of a change event from the actor and the clock; called inside the
 * change's transaction. The notification the event gives (notification-rules.ts) is stored in the
 * same transaction, and the event carries its id (`data.notificationId`) so sockets can deliver it.
 */
export class EventRecorder {
  constructor(
    private readonly log: EventLog,
    private readonly notifications: NotificationRepo,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, type: EventType, subject: EventSubject, audience: Audience, data: Record<string, unknown> = {}): Promise<void> {
    const event: NewEvent = {
      type,
      at: this.clock.now(),
      actorId: actor.kind === 'user' ? actor.userId : null,
      subject: { themeId: subject.themeId ?? null, userId: subject.userId ?? null, categoryId: subject.categoryId ?? null, imageId: subject.imageId ?? null },
      audience,
      data,
    };
    const notification = notificationFor(event);
    if (notification) event.data = { ...data, notificationId: await this.notifications.add(notification) };
    await this.log.append(event);
  }
}
