import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import proxyAddr from 'proxy-addr';
import { WebSocketServer, type WebSocket } from 'ws';
import { anonymous, type Origin } from '../../application/actor.ts';
import { AuthenticateAccessToken } from '../../application/auth/authenticate-access-token.ts';
import type { ChangeFeed } from '../../application/ports/change-feed.ts';
import type { ChangeEvent } from '../../application/ports/event-log.ts';
import { roleChangedBy, sessionsEndedBy } from '../../application/realtime/channels.ts';
import { CLOSE } from './frames.ts';
import type { RealtimeLimits } from './limits.ts';
import { SocketSession, type Authenticated, type SessionContext } from './socket-session.ts';


export type RealtimeOptions = {
  use: SessionContext['use'];
  /** Runs a unit of work (one ORM EntityManager), as each HTTP request does. */
  scope: SessionContext['scope'];
  feed: ChangeFeed;
  logger: Logger;
  limits: RealtimeLimits;
  /** The application's clock: token expiry is measured on it, as tokens are issued on it. */
  now: () => Date;
  /** Where clients connect. */
  path?: string;
  /** TRUST_PROXY, as Express reads it: behind a trusted proxy, a client's address is the one it forwards. */
  trustProxy?: boolean | number | string;
};

/** JWTs and the subprotocol marker: what `Sec-WebSocket-Protocol: bearer, <token>` may hold. */
const BEARER = 'bearer';
const MAX_PAYLOAD = 16 * 1024;
const QUERY_SECRETS = ['token', 'access_token', 'accessToken', 'authorization'];

/**
 * The WebSocket API (`GET /api/v1/ws`), a driving adapter beside the HTTP one: it upgrades
 * connections on the same HTTP server (`noServer`), authenticates them through the same use-case as
 * REST, and delivers the change feed's events to each socket on the channels it subscribed to,
 * checking per event and per socket whether its user may see it (application/realtime/channels.ts).
 * Events that end a user's sessions close that user's sockets (the feed brings them from every
 * instance); a role change applies to the very next event.
 */
export class RealtimeGateway {
  private readonly server = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD,
    clientTracking: false,
    handleProtocols: (protocols) => (protocols.has(BEARER) ? BEARER : false),
  });
  private readonly sessions = new Set<SocketSession>();
  private readonly byAddress = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private readonly pinger: ReturnType<typeof setInterval>;
  private closing = false;
  readonly path: string;
  private readonly trusted: (address: string, hop: number) => boolean;
  /** Counts the events that end sessions or change roles (see authenticate). */
  private accessEpoch = 0;

  constructor(private readonly options: RealtimeOptions) {
    this.path = options.path ?? '/api/v1/ws';
    this.trusted = compileTrust(options.trustProxy ?? false);
    this.unsubscribe = options.feed.subscribe({
      events: (events) => {
        for (const event of events) this.deliver(event);
      },
      // The feed catches up from the log once back, in order: sockets lose nothing, they only wait.
      interrupted: () => options.logger.warn('realtime: the change feed was interrupted; sockets get the missed events once it is back'),
    });
    this.pinger = setInterval(() => {
      for (const session of this.sessions) session.ping();
    }, options.limits.pingIntervalMs);
    this.pinger.unref();
  }

  /** How many sockets are open on this instance (for a metrics gauge). */
  connectionCount(): number {
    return this.sessions.size;
  }

  /** Whether this gateway answers the request (`server.on('upgrade')` hands the others on). */
  handles(req: IncomingMessage): boolean {
    return new URL(req.url ?? '/', 'http://localhost').pathname === this.path;
  }

  /** Upgrades a request for the socket path, or answers it with an HTTP error and closes it. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    void this.options.scope(() => this.accept(req, socket, head)).catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'realtime: upgrade failed');
      refuse(socket, 500, 'internal_error', 'the server failed; try again');
    });
  }

  /** Closes every socket with 1001 (clients reconnect elsewhere, with `since`), then stops. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.unsubscribe();
    clearInterval(this.pinger);
    await Promise.all([...this.sessions].map((session) => session.shutDown(CLOSE.goingAway, 'server shutting down')));
    this.server.close();
  }

  private async accept(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (this.closing) return refuse(socket, 503, 'unavailable', 'the server is stopping; reconnect');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (QUERY_SECRETS.some((name) => url.searchParams.has(name)))
      return refuse(socket, 400, 'malformed_request', 'never put a token in the URL: use Sec-WebSocket-Protocol "bearer, <token>" or a first {"type":"auth"} message');
    const sinceRaw = url.searchParams.get('since');
    const since = sinceRaw === null ? undefined : /^\d{1,15}$/.test(sinceRaw) ? Number(sinceRaw) : null;
    if (since === null) return refuse(socket, 400, 'malformed_request', 'since: expected the id of the last event received');
    const address = this.clientAddress(req);
    if ((this.byAddress.get(address) ?? 0) >= this.options.limits.maxSocketsPerAddress) return refuse(socket, 429, 'rate_limited', 'too many sockets from this address');

    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const token = offered[0] === BEARER ? offered[1] : undefined;
    let authenticated: Authenticated | undefined;
    if (token) {
      try {
        authenticated = await this.authenticate(token, { ip: address, requestId: null });
      } catch {
        return refuse(socket, 401, 'unauthenticated', 'the access token is invalid or expired');
      }
      if (this.countOf(authenticated.actor.userId) >= this.options.limits.maxSocketsPerUser) return refuse(socket, 429, 'rate_limited', 'too many sockets for this user');
    }

    this.server.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      if (this.closing) return ws.close(CLOSE.goingAway, 'server shutting down');
      this.byAddress.set(address, (this.byAddress.get(address) ?? 0) + 1);
      const session = new SocketSession(ws, {
        use: this.options.use,
        scope: this.options.scope,
        limits: this.options.limits,
        logger: this.options.logger,
        now: this.options.now,
        origin: { ip: address, requestId: null },
        authenticate: (token, origin) => this.authenticate(token, origin),
        mayAuthenticate: (userId, current) => current === userId || this.countOf(userId) < this.options.limits.maxSocketsPerUser,
      });
      this.sessions.add(session);
      ws.once('close', () => {
        this.sessions.delete(session);
        const left = (this.byAddress.get(address) ?? 1) - 1;
        if (left > 0) this.byAddress.set(address, left);
        else this.byAddress.delete(address);
      });
      session.start(authenticated ?? null, since ?? null, anonymous({ ip: address, requestId: null }));
    });
  }

  /** The client's address as Express's `req.ip` gives it under the same TRUST_PROXY (the per-address cap counts it). */
  private clientAddress(req: IncomingMessage): string {
    return proxyAddr(req, this.trusted);
  }

  /**
   * Checks a token. A check reads the user before an event that ends sessions or changes a role may
   * arrive, and no socket of that user would match the event yet: a check that straddles one is done
   * again (the access cache has been evicted by then), so a socket never opens on a dead session.
   */
  private async authenticate(token: string, origin: Origin): Promise<Authenticated> {
    for (;;) {
      const epoch = this.accessEpoch;
      const result = await this.options.scope(() => this.options.use(AuthenticateAccessToken).withExpiry(token, origin));
      if (epoch === this.accessEpoch) return result;
    }
  }

  private countOf(userId: string): number {
    let count = 0;
    for (const session of this.sessions) if (session.userId() === userId) count++;
    return count;
  }

  /** One committed event: role changes apply first, then each socket gets it if it may, then ended sessions close. */
  private deliver(event: ChangeEvent): void {
    const roleChange = roleChangedBy(event);
    const ended = sessionsEndedBy(event);
    if (roleChange || ended) this.accessEpoch++;
    if (roleChange) for (const session of this.sessions) if (session.userId() === roleChange.userId) session.changeRole(roleChange.role);
    const texts = new Map<string, Buffer>();
    for (const session of this.sessions)
      try {
        session.offer(event, texts);
      } catch (error) {
        // One socket's failure is its own: the others still get the event.
        this.options.logger.error({ err: error }, 'realtime: offering an event to a socket failed');
      }
    if (ended)
      for (const session of this.sessions)
        if (session.userId() === ended.userId && (ended.sessionId === null || session.sessionId() === ended.sessionId)) void session.shutDown(CLOSE.sessionEnded, 'session ended');
  }
}

/** TRUST_PROXY compiled as Express compiles its `trust proxy` setting: all, a number of hops, or addresses and subnets. */
function compileTrust(value: boolean | number | string): (address: string, hop: number) => boolean {
  if (value === true) return () => true;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return proxyAddr.compile(typeof value === 'string' ? value.split(',').map((part) => part.trim()) : []);
}

/** An HTTP problem instead of the upgrade (the socket is not yet a WebSocket). */
function refuse(socket: Duplex, status: number, code: string, detail: string): void {
  const [title] = REFUSALS[status] ?? ['Error'];
  const body = JSON.stringify({ type: 'about:blank', title, status, code, detail });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

const REFUSALS: Record<number, [string]> = {
  400: ['Bad Request'],
  401: ['Unauthorized'],
  429: ['Too Many Requests'],
  500: ['Internal Server Error'],
  503: ['Service Unavailable'],
};
