import type { NewNotification, Notification, NotificationPage, NotificationRepo } from '../../../application/ports/notification-repo.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class InMemoryNotificationRepo implements NotificationRepo {
  /** Like a sequence: an id taken by a transaction that rolls back is not handed out again. */
  private lastId = 0;

  constructor(private readonly db: MemoryDatabase) {}

  add(notification: NewNotification): Promise<number> {
    return this.db.write(() => {
      const id = ++this.lastId;
      this.db.tables.notifications.put({ ...notification, id, readAt: null });
      return id;
    });
  }

  async listOf(userId: string, page: NotificationPage): Promise<Notification[]> {
    return this.db.tables.notifications
      .filter((n) => n.userId === userId && (page.after === undefined || n.id < page.after) && (!page.unreadOnly || !n.readAt))
      .sort((x, y) => y.id - x.id)
      .slice(0, page.limit);
  }

  async unreadCount(userId: string): Promise<number> {
    return this.db.tables.notifications.filter((n) => n.userId === userId && !n.readAt).length;
  }

  markRead(userId: string, which: { upTo: number } | { ids: readonly number[] }, at: Date): Promise<number> {
    const chosen = 'upTo' in which ? (id: number) => id <= which.upTo : (id: number) => which.ids.includes(id);
    return this.db.write(() => {
      const unread = this.db.tables.notifications.filter((n) => n.userId === userId && !n.readAt && chosen(n.id));
      for (const n of unread) this.db.tables.notifications.put({ ...n, readAt: at });
      return unread.length;
    });
  }

  prune(before: Date): Promise<number> {
    return this.db.write(() => this.db.delete('notifications', (n) => n.at < before).length);
  }
}
