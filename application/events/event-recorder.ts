import type { Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { Audience, EventLog, EventSubject, EventType } from '../ports/event-log.ts';

/** Fills in the who and when of a change event from the actor and the clock; called inside the change's transaction. */
export class EventRecorder {
  constructor(
    private readonly log: EventLog,
    private readonly clock: Clock,
  ) {}

  record(actor: Actor, type: EventType, subject: EventSubject, audience: Audience, data: Record<string, unknown> = {}): Promise<void> {
    return this.log.append({
      type,
      at: this.clock.now(),
      actorId: actor.kind === 'user' ? actor.userId : null,
      subject: { themeId: subject.themeId ?? null, userId: subject.userId ?? null, categoryId: subject.categoryId ?? null, imageId: subject.imageId ?? null },
      audience,
      data,
    });
  }
}
