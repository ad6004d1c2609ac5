/** What a notification tells its recipient. */
export const NOTIFICATION_KINDS = ['theme_favorited', 'theme_moderated', 'role_changed', 'status_changed'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NewNotification = {
  userId: string;
  kind: NotificationKind;
  at: Date;
  /** Who did it (null: the system). */
  actorId: string | null;
  themeId: string | null;
  /** Small and never a secret: the theme's name and slug, what a moderator did, a role or status before and after. */
  data: Record<string, unknown>;
};

/** A stored notification: ids grow with insertion, so "read up to id N" and keyset pages by id are exact. */
export type Notification = NewNotification & { id: number; readAt: Date | null };

export type NotificationPage = { after?: number | undefined; limit: number; unreadOnly: boolean };

export interface NotificationRepo {
  /** Inside the transaction of the change it tells of (with its event): written if and only if it commits. Resolves with its id. */
  add(notification: NewNotification): Promise<number>;
  /** A user's notifications, newest first, with ids below `after`. */
  listOf(userId: string, page: NotificationPage): Promise<Notification[]>;
  unreadCount(userId: string): Promise<number>;
  /** Marks the user's unread notifications read: those with ids up to `upTo`, or those among `ids`. Resolves with how many changed. */
  markRead(userId: string, which: { upTo: number } | { ids: readonly number[] }, at: Date): Promise<number>;
  /** Forgets notifications older than `before`; resolves with how many went. */
  prune(before: Date): Promise<number>;
}
