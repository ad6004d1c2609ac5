import { z } from 'zod';
import { requireUser, type Actor } from '../actor.ts';
import { PageInput, type Cursors, type Page } from '../pagination.ts';
import type { Notification, NotificationRepo } from '../ports/notification-repo.ts';
import { parseInput } from '../validation.ts';

export const ListNotificationsInput = z.strictObject({
  ...PageInput,
  unread: z.enum(['true', 'false']).optional().meta({ description: 'true: unread notifications only' }),
});

const Position = z.strictObject({ id: z.int().positive() });

export type NotificationList = Page<Notification> & { unreadCount: number };

/** The caller's notifications, newest first, in keyset pages, with how many are unread in all. */
export class ListNotifications {
  constructor(
    private readonly notifications: NotificationRepo,
    private readonly cursors: Cursors,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<NotificationList> {
    const { userId } = requireUser(actor);
    const { limit, cursor, unread } = parseInput(ListNotificationsInput, raw);
    const unreadOnly = unread === 'true';
    const signature = { notifications: userId, unreadOnly };
    const after = cursor ? this.cursors.decode(signature, cursor, Position).id : undefined;
    const page = await this.cursors.page(
      signature,
      limit,
      (n) => this.notifications.listOf(userId, { after, limit: n, unreadOnly }),
      (n) => ({ id: n.id }),
    );
    return { ...page, unreadCount: await this.notifications.unreadCount(userId) };
  }
}

