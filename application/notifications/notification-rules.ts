import type { NewEvent } from '../ports/event-log.ts';
import type { NewNotification } from '../ports/notification-repo.ts';

/** What a moderator did to someone's theme, by the event that tells of it. */
const MODERATION: Partial<Record<NewEvent['type'], string>> = {
  'theme.updated': 'edited',
  'theme.unpublished': 'unpublished',
  'theme.deleted': 'deleted',
};

/**
 * The notification an event gives the user it concerns, if any: someone else favourited their
 * theme; a moderator edited, unpublished or deleted it; someone changed their role or status.
 * Nobody is notified of what they did themselves.
 */
export function notificationFor(event: NewEvent): NewNotification | null {
  const recipient = event.subject.userId;
  if (!recipient || event.actorId === recipient) return null;
  const base = { userId: recipient, at: event.at, actorId: event.actorId };
  const theme = { name: event.data.name, slug: event.data.slug };
  switch (event.type) {
    case 'favorite.added':
      return { ...base, kind: 'theme_favorited', themeId: event.subject.themeId, data: { theme } };
    case 'theme.updated':
    case 'theme.unpublished':
    case 'theme.deleted':
      if (event.data.byModerator !== true) return null;
      return { ...base, kind: 'theme_moderated', themeId: event.subject.themeId, data: { theme, action: MODERATION[event.type] } };
    case 'user.role_changed':
      return { ...base, kind: 'role_changed', themeId: null, data: { from: event.data.from, to: event.data.to } };
    case 'user.status_changed':
      return { ...base, kind: 'status_changed', themeId: null, data: { from: event.data.from, to: event.data.to } };
    default:
      return null;
  }
}
