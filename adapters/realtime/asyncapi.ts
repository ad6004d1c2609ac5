import { z } from 'zod';
import { EVENT_TYPES } from '../../application/ports/event-log.ts';
import { NOTIFICATION_KINDS } from '../../application/ports/notification-repo.ts';
import { ClientMessage, CLOSE } from './frames.ts';

const CLOSE_CODES = [
  `${CLOSE.goingAway} the server is stopping: reconnect (to any instance) with since`,
  `${CLOSE.policy} more than WS_MAX_MESSAGES_PER_MINUTE messages from this socket`,
  `1009 a message over 16 KiB`,
  `${CLOSE.tryAgainLater} the client does not read: more than WS_MAX_BUFFER_BYTES waited unsent; reconnect with since`,
  `${CLOSE.unauthenticated} authentication failed, or the token expired and no fresh one came within WS_REAUTH_GRACE`,
  `${CLOSE.sessionEnded} the user's sessions ended (logout-all, a new password, a disabled or deleted account), or this socket's session was signed out: sign in again`,
  `${CLOSE.tooManySockets} the user already has WS_MAX_SOCKETS_PER_USER sockets open`,
];

const DESCRIPTION = [
  'Changes as they commit, over one WebSocket per client, on every instance. Authenticate with the',
  '`Sec-WebSocket-Protocol: bearer, <access token>` header (answered with the `bearer` subprotocol) or with a first',
  '`{"type":"auth","token":…}` message within WS_AUTH_TIMEOUT (5 s); never in the URL. Without either, the socket',
  'is anonymous and may subscribe to public channels only.',
  '',
  'Channels: `themes` (published themes created, updated, unpublished, deleted: what the public list shows),',
  '`themes:<id>` (one theme, to whoever may see it), `me` (your notifications and account events), `admin`',
  '(registrations, lockouts, refresh-token reuse; admins only). Who may read an event is checked as it is sent, not',
  'only at subscription: a theme turned back into a draft stops reaching others; a demoted admin gets',
  '`unsubscribed` for `admin` at once.',
  '',
  'Every event has an id that grows with commit order. Reconnect with `?since=<last id>` (or `since` in the first',
  'subscribe) to get every event you may see that you missed, up to EVENT_RETENTION (24 h) back, then `caught_up`,',
  'then live events: no gap, no duplicate. At the token’s `exp` the server sends `auth_expired` and holds events',
  'until a fresh `auth` message (same user) within WS_REAUTH_GRACE (10 s). Upgrades are refused with an HTTP',
  'problem: 400 (a token in the URL, a bad since), 401 (a bad bearer token), 429 (too many sockets), 503 (stopping).',
  '',
  `Close codes: ${CLOSE_CODES.join('; ')}.`,
].join('\n');

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-07', io: 'input' }) as Record<string, unknown>;

const id = { type: 'integer', minimum: 1, description: 'the event id: grows with commit order; resume with since=<the last one received>' };
const uuidOrNull = { type: ['string', 'null'], format: 'uuid' };

/** The frames the server sends, as JSON Schema. */
const SERVER_FRAMES: Record<string, { summary: string; schema: Record<string, unknown> }> = {
  authenticated: {
    summary: 'The socket is signed in (by the subprotocol at once, or after an auth message)',
    schema: frame('authenticated', { userId: { type: 'string', format: 'uuid' }, role: { enum: ['user', 'moderator', 'admin'] }, expiresAt: { type: 'string', format: 'date-time' } }),
  },
  subscribed: { summary: 'A channel is subscribed', schema: frame('subscribed', { channel: { type: 'string' } }) },
  unsubscribed: {
    summary: 'A channel ended: asked for, or `reason: forbidden` when the user lost the right to read it',
    schema: frame('unsubscribed', { channel: { type: 'string' }, reason: { enum: ['forbidden'] } }, ['channel']),
  },
  event: {
    summary: 'A committed change, once, on the subscribed channels it reaches',
    schema: frame(
      'event',
      {
        id,
        channels: { type: 'array', items: { type: 'string' }, minItems: 1 },
        event: { enum: [...EVENT_TYPES] },
        at: { type: 'string', format: 'date-time' },
        subject: {
          type: 'object',
          properties: { themeId: uuidOrNull, userId: uuidOrNull, categoryId: uuidOrNull, imageId: uuidOrNull },
          required: ['themeId', 'userId', 'categoryId', 'imageId'],
        },
        actorId: { ...uuidOrNull, description: 'who did it; on `me` and `admin` only' },
        data: { type: 'object', description: 'small: names, slugs, versions, visibleBefore/visibleAfter, byModerator, from/to' },
        notification: {
          type: 'object',
          description: 'on `me`, when the event notifies you: as GET /api/v1/users/me/notifications lists it',
          properties: {
            id: { type: 'integer' },
            kind: { enum: [...NOTIFICATION_KINDS] },
            at: { type: 'string', format: 'date-time' },
            actorId: uuidOrNull,
            themeId: uuidOrNull,
            data: { type: 'object' },
            read: { const: false },
          },
          required: ['id', 'kind', 'at', 'actorId', 'themeId', 'data', 'read'],
        },
      },
      ['id', 'channels', 'event', 'at', 'subject', 'data'],
    ),
  },
  caught_up: {
    summary: 'A resume is done: live events follow. `complete` is false when `since` lay beyond EVENT_RETENTION (or was pruned): events may be missing, read the current state again',
    schema: frame('caught_up', { lastId: { type: 'integer', minimum: 0 }, complete: { type: 'boolean' } }),
  },
  auth_expired: { summary: 'The token reached its exp: send a fresh one within WS_REAUTH_GRACE, or the socket closes with 4001', schema: frame('auth_expired', {}) },
  error: {
    summary: 'A message or a subscription was refused; never data',
    schema: frame(
      'error',
      {
        code: { type: 'string', description: 'unauthenticated, forbidden, not_found, validation_failed, malformed_message, rate_limited, too_many_sockets, internal_error' },
        message: { type: 'string' },
        channel: { type: 'string' },
      },
      ['code', 'message'],
    ),
  },
  pong: { summary: 'The answer to a ping message', schema: frame('pong', {}) },
};

function frame(type: string, properties: Record<string, unknown>, required = Object.keys(properties)): Record<string, unknown> {
  return { type: 'object', properties: { type: { const: type }, ...properties }, required: ['type', ...required], additionalProperties: false };
}

/** The client messages, one by one, from the schema the server parses them with. */
function clientMessages(): Record<string, { summary: string; schema: Record<string, unknown> }> {
  const summaries: Record<ClientMessage['type'], string> = {
    auth: 'Sign the socket in (first message), or hand a fresh token after auth_expired',
    subscribe: 'Subscribe to channels; `since` (once: here or in the URL) resumes after that event id',
    unsubscribe: 'Leave channels',
    ping: 'An application-level keep-alive (browsers cannot send WebSocket pings); answered with pong',
  };
  return Object.fromEntries(ClientMessage.options.map((option) => [option.shape.type.value, { summary: summaries[option.shape.type.value], schema: json(option) }]));
}

/** The AsyncAPI 3.0 document of the socket API, served beside the OpenAPI one at /api/v1/asyncapi.json. */
export function asyncApiDocument(version: string): Record<string, unknown> {
  const incoming = clientMessages();
  const messages: Record<string, unknown> = {};
  const ref = (name: string) => ({ $ref: `#/channels/socket/messages/${name}` });
  for (const [name, { summary, schema }] of [...Object.entries(incoming), ...Object.entries(SERVER_FRAMES)])
    messages[name] = { name, summary, contentType: 'application/json', payload: schema };
  return {
    asyncapi: '3.0.0',
    info: { title: 'Themes API — WebSocket', version, description: DESCRIPTION },
    defaultContentType: 'application/json',
    servers: {
      api: {
        host: 'localhost:3000',
        protocol: 'ws',
        pathname: '/api/v1/ws',
        description: 'the API’s own host (wss behind TLS)',
        security: [{ $ref: '#/components/securitySchemes/bearerSubprotocol' }],
      },
    },
    channels: {
      socket: {
        address: '/api/v1/ws',
        title: 'The socket',
        description: 'One socket carries every channel a client subscribes to; frames are JSON text.',
        messages,
        bindings: {
          ws: {
            method: 'GET',
            query: { type: 'object', properties: { since: { type: 'integer', minimum: 0, description: 'resume after this event id' } }, additionalProperties: false },
            bindingVersion: '0.1.0',
          },
        },
      },
    },
    operations: {
      ...Object.fromEntries(Object.keys(incoming).map((name) => [`receive_${name}`, { action: 'receive', channel: { $ref: '#/channels/socket' }, messages: [ref(name)] }])),
      ...Object.fromEntries(Object.keys(SERVER_FRAMES).map((name) => [`send_${name}`, { action: 'send', channel: { $ref: '#/channels/socket' }, messages: [ref(name)] }])),
    },
    components: {
      securitySchemes: {
        bearerSubprotocol: {
          type: 'httpApiKey',
          name: 'Sec-WebSocket-Protocol',
          in: 'header',
          description: '`bearer, <access token>` (a browser cannot set Authorization on a WebSocket); or a first auth message instead',
        },
      },
    },
  };
}
