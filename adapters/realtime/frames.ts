import { z } from 'zod';
import { notificationFor } from '../../application/notifications/notification-rules.ts';
import type { ChangeEvent } from '../../application/ports/event-log.ts';

/** Messages a client sends (asyncapi.ts documents them). Anything else answers an error frame. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(4096) }),
  z.strictObject({
    type: z.literal('subscribe'),
    channels: z.array(z.string().max(100)).min(1).max(20),
    since: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  }),
  z.strictObject({ type: z.literal('unsubscribe'), channels: z.array(z.string().max(100)).min(1).max(20) }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Close codes of the socket API, in one place (README and asyncapi.ts list them). */
export const CLOSE = {
  /** The server is stopping: reconnect (elsewhere) with `since`. */
  goingAway: 1001,
  /** Too many messages a minute from this socket (WS_MAX_MESSAGES_PER_MINUTE). */
  policy: 1008,
  /** The client does not read fast enough: its send buffer passed WS_MAX_BUFFER_BYTES. Reconnect with `since`. */
  tryAgainLater: 1013,
  /** Authentication failed, or the token expired and no fresh one came within WS_REAUTH_GRACE. */
  unauthenticated: 4001,
  /** The user's sessions ended (logout-all, a new password, a disabled or deleted account), or this socket's one was signed out. */
  sessionEnded: 4003,
  /** The user already has WS_MAX_SOCKETS_PER_USER sockets open. */
  tooManySockets: 4029,
} as const;

/** What an event tells a client on the channels it reached; notification ids stay with their recipient. */
export function eventFrame(event: ChangeEvent, channels: string[]) {
  const { notificationId: _, ...data } = event.data;
  const personal = channels.includes('me') || channels.includes('admin');
  const notification = channels.includes('me') && typeof event.data.notificationId === 'number' ? notificationFor(event) : null;
  return {
    type: 'event' as const,
    id: event.id,
    channels,
    event: event.type,
    at: event.at.toISOString(),
    subject: event.subject,
    ...(personal ? { actorId: event.actorId } : {}),
    data,
    ...(notification
      ? {
          notification: {
            id: event.data.notificationId,
            kind: notification.kind,
            at: notification.at.toISOString(),
            actorId: notification.actorId,
            themeId: notification.themeId,
            data: notification.data,
            read: false,
          },
        }
      : {}),
  };
}
