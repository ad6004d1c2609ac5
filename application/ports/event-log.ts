/** Every kind of change others must learn about (caches, sockets, notifications). */
export const EVENT_TYPES = [
  'theme.created',
  'theme.updated',
  'theme.published',
  'theme.unpublished',
  'theme.deleted',
  'favorite.added',
  'favorite.removed',
  'image.added',
  'image.removed',
  'category.created',
  'category.updated',
  'category.deleted',
  'user.registered',
  'user.profile_changed',
  'user.role_changed',
  'user.status_changed',
  'user.password_changed',
  'user.logged_out_all',
  'user.session_revoked',
  'user.deleted',
  'user.locked',
  'auth.refresh_reused',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Who may learn of an event, decided when it is written (delivery checks it again per reader):
 * `public` anyone; `owner-and-moderators` the user it concerns (`userId`), moderators and admins
 * (a draft's changes); `owner` that user alone (their account); `admins` administrators only.
 */
export const AUDIENCES = ['public', 'owner-and-moderators', 'owner', 'admins'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** What a change is about: the ids it touches. `userId` is the user it concerns (a theme's owner, the account changed). */
export type EventSubject = { themeId?: string | null; userId?: string | null; categoryId?: string | null; imageId?: string | null };

export type NewEvent = {
  type: EventType;
  at: Date;
  actorId: string | null;
  subject: Required<EventSubject>;
  audience: Audience;
  /** Small, and never a secret: names, slugs, versions, flags. Readers fetch the rest. */
  data: Record<string, unknown>;
};

/** An event as committed: its id grows with commit order (an id is never seen after a larger one). */
export type ChangeEvent = NewEvent & { id: number };

/**
 * The append-only log of changes (the outbox). Appends are written in the caller's transaction:
 * a rolled-back change leaves no event, a committed one is never lost. Ids are handed out so that
 * a reader of "every event after id N" never misses one that commits later with a smaller id.
 */
export interface EventLog {
  /** Inside a transaction only (throws otherwise): written if and only if it commits. */
  append(event: NewEvent): Promise<void>;
  /** Committed events with ids above `afterId`, oldest first: a reader's catch-up and resume. */
  after(afterId: number, limit: number): Promise<ChangeEvent[]>;
  /** Forgets events older than `before` (EVENT_RETENTION); resolves with how many went. */
  prune(before: Date): Promise<number>;
}
