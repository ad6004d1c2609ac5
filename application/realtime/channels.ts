import { can, type Actor } from '../actor.ts';
import { ROLES, type Role } from '../../domain/users/role.ts';
import type { ChangeEvent } from '../ports/event-log.ts';

/**
 * The channels of the socket API: `themes` (what the public list shows: published themes created,
 * changed, unpublished, deleted), `themes:<id>` (one theme, to whoever may see it), `me` (the
 * caller's notifications and account events), `admin` (registrations, lockouts, refresh-token reuse).
 */
export type Channel = { kind: 'themes' } | { kind: 'theme'; themeId: string } | { kind: 'me' } | { kind: 'admin' };

const THEME_CHANNEL = /^themes:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A channel by its name, or null for a name that is none. */
export function parseChannel(name: string): Channel | null {
  if (name === 'themes' || name === 'me' || name === 'admin') return { kind: name };
  const theme = THEME_CHANNEL.exec(name);
  return theme ? { kind: 'theme', themeId: theme[1]! } : null;
}

export function channelName(channel: Channel): string {
  return channel.kind === 'theme' ? `themes:${channel.themeId}` : channel.kind;
}

/** Account events of a user that the `me` channel carries. */
const ACCOUNT_EVENTS = new Set<ChangeEvent['type']>([
  'user.profile_changed',
  'user.role_changed',
  'user.status_changed',
  'user.password_changed',
  'user.logged_out_all',
  'user.session_revoked',
  'user.deleted',
]);

/** May `actor`, as it is now, read `event` on `channel`? Asked when each event is sent, never only at subscription. */
export function mayReceive(actor: Actor, channel: Channel, event: ChangeEvent): boolean {
  switch (channel.kind) {
    case 'themes':
      // What the public list showed or shows: a theme that was or is published.
      return event.type.startsWith('theme.') && (event.data.visibleBefore === true || event.data.visibleAfter === true);
    case 'theme':
      return event.subject.themeId === channel.themeId && audienceIncludes(actor, event);
    case 'me':
      return (
        actor.kind === 'user' &&
        event.subject.userId === actor.userId &&
        (ACCOUNT_EVENTS.has(event.type) || typeof event.data.notificationId === 'number')
      );
    case 'admin':
      return event.audience === 'admins' && can(actor, 'audit:read');
  }
}

/** Whether the audience the event was written for includes the actor (its role as it is now). */
function audienceIncludes(actor: Actor, event: ChangeEvent): boolean {
  switch (event.audience) {
    case 'public':
      return true;
    case 'owner-and-moderators':
      return (actor.kind === 'user' && actor.userId === event.subject.userId) || can(actor, 'themes:moderate');
    case 'owner':
      return actor.kind === 'user' && actor.userId === event.subject.userId;
    case 'admins':
      return can(actor, 'audit:read');
  }
}

/**
 * The sessions an event ends, if any: all of a user's (logout-all, a new password, a disabled or a
 * deleted account: `sessionId` null) or one signed out, or revoked because its refresh token was
 * replayed. Their sockets are closed, on every instance, as the event arrives.
 */
export function sessionsEndedBy(event: ChangeEvent): { userId: string; sessionId: string | null } | null {
  const userId = event.subject.userId;
  if (!userId) return null;
  const session = event.type === 'user.session_revoked' ? event.data.sessionId : event.type === 'auth.refresh_reused' ? event.data.familyId : undefined;
  if (session !== undefined) return typeof session === 'string' ? { userId, sessionId: session } : null;
  const all =
    event.type === 'user.logged_out_all' ||
    event.type === 'user.password_changed' ||
    event.type === 'user.deleted' ||
    (event.type === 'user.status_changed' && event.data.to === 'disabled');
  return all ? { userId, sessionId: null } : null;
}

/** A user's new role, when the event changes it (sockets then apply it to every later event). */
export function roleChangedBy(event: ChangeEvent): { userId: string; role: Role } | null {
  const role = ROLES.find((r) => r === event.data.to);
  return event.type === 'user.role_changed' && event.subject.userId && role ? { userId: event.subject.userId, role } : null;
}
