import { z } from 'zod';
import { requireUser, type Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { NotificationRepo } from '../ports/notification-repo.ts';
import { parseInput } from '../validation.ts';

const NotificationId = z.int().positive().max(Number.MAX_SAFE_INTEGER);

export const MarkNotificationsReadInput = z.union([
  z.strictObject({ upTo: NotificationId.meta({ description: 'marks every notification with this id or a smaller one read' }) }),
  z.strictObject({ ids: z.array(NotificationId).min(1).max(100).meta({ description: 'marks these notifications read' }) }),
]);

/** Marks the caller's notifications read: up to an id, or the given ids (others' ids change nothing). */
export class MarkNotificationsRead {
  constructor(
    private readonly notifications: NotificationRepo,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<{ marked: number; unreadCount: number }> {
    const { userId } = requireUser(actor);
    const input = parseInput(MarkNotificationsReadInput, raw);
    const marked = await this.notifications.markRead(userId, input, this.clock.now());
    return { marked, unreadCount: await this.notifications.unreadCount(userId) };
  }
}
