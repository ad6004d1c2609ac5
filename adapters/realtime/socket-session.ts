import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import type { Actor, Origin, UserActor } from '../../application/actor.ts';
import type { ChangeEvent } from '../../application/ports/event-log.ts';
import { channelName, mayReceive, type Channel } from '../../application/realtime/channels.ts';
import { ReadMissedEvents } from '../../application/realtime/read-missed-events.ts';
import { SubscribeChannel } from '../../application/realtime/subscribe-channel.ts';
import type { Role } from '../../domain/users/role.ts';
import { DomainError } from '../../domain/errors.ts';
import { ClientMessage, CLOSE, eventFrame } from './frames.ts';
import type { RealtimeLimits } from './limits.ts';

export type SessionContext = {
  use<T>(useCase: new (...args: never[]) => T): T;
  scope<T>(work: () => Promise<T>): Promise<T>;
  limits: RealtimeLimits;
  logger: Logger;
  now: () => Date;
  origin: Origin;
  /** Checks an access token (the gateway's: it knows when a check straddled the end of a session). */
  authenticate(token: string, origin: Origin): Promise<Authenticated>;
  /** Whether `userId` may authenticate this socket (the per-user cap); `current` is who it is now. */
  mayAuthenticate(userId: string, current: string | null): boolean;
};

export type Authenticated = { actor: UserActor; expiresAt: Date };

/** The longest delay a Node timer takes (2^31 − 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Events read from the log per query while a socket catches up. */
const RESUME_BATCH = 500;
/** Events held for a socket that does not catch up (it never subscribes after asking to resume): then it is closed with 1013. */
const MAX_HELD = 10_000;
/** A closing socket that does not finish its close handshake within this is cut. */
const CLOSE_TIMEOUT_MS = 1000;

/**
 * One socket: who it is (anonymous, or a user until the token's `exp`), its channels, and where it
 * stands in the event stream. Events reach it in id order from the gateway; while it catches up
 * (resume) or waits for a fresh token, they are held, then sent after what the log gave, skipping
 * the ids already sent: no gap, no duplicate.
 */
export class SocketSession {
  private actor: Actor;
  private authenticated = false;
  private readonly channels = new Map<string, Channel>();
  /** The largest event id handled (sent, or not for this socket); later events only. */
  private cursor = 0;
  /** Events that arrived while catching up or waiting for a fresh token, to handle after. */
  private held: ChangeEvent[] | null = null;
  /** A resume asked for in the URL, done after the first subscription. */
  private since: number | null = null;
  private resumed = false;
  private catchingUp = false;
  private firstMessage = true;
  private authTimer: ReturnType<typeof setTimeout> | undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private alive = true;
  private window = { start: Date.now(), count: 0 };
  private work: Promise<void> = Promise.resolve();
  private closed: Promise<void>;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly context: SessionContext,
  ) {
    this.actor = { kind: 'anonymous' };
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
    ws.once('close', () => this.clearTimers());
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (error) => context.logger.debug({ err: error }, 'realtime: socket error'));
  }

  /** Begins: authenticated by the subprotocol, or waiting WS_AUTH_TIMEOUT for a first auth message. */
  start(authenticated: Authenticated | null, since: number | null, anonymousActor: Actor): void {
    this.actor = anonymousActor;
    if (since !== null) this.beginResume(since);
    if (authenticated) {
      this.becomeUser(authenticated);
      this.firstMessage = false;
    } else {
      // Until the first message, the socket may still authenticate by message; silent, it stays anonymous.
      this.authTimer = setTimeout(() => {
        this.firstMessage = false;
      }, this.context.limits.authTimeoutMs);
    }
    // Messages are handled one at a time, in order (a subscribe after an auth sees the user). The rate
    // is checked as each arrives, so what waits behind a slow one is bounded by it too.
    this.ws.on('message', (data, isBinary) => {
      if (!this.withinRate()) {
        this.send({ type: 'error', code: 'rate_limited', message: `at most ${this.context.limits.maxMessagesPerMinute} messages a minute` });
        return void this.shutDown(CLOSE.policy, 'too many messages');
      }
      this.work = this.work.then(() => this.receive(data, isBinary)).catch((error: unknown) => this.fail(error));
    });
  }

  userId(): string | null {
    return this.actor.kind === 'user' ? this.actor.userId : null;
  }

  /** The sign-in (refresh-token family) its token belongs to, when the token says. */
  sessionId(): string | null {
    return (this.actor.kind === 'user' && this.actor.sessionId) || null;
  }

  /** The user's role changed (the event is in hand): later events are checked against the new one. */
  changeRole(role: Role): void {
    if (this.actor.kind !== 'user') return;
    this.actor = { ...this.actor, role };
    for (const [name, channel] of this.channels)
      if (channel.kind === 'admin' && role !== 'admin') {
        this.channels.delete(name);
        this.send({ type: 'unsubscribed', channel: name, reason: 'forbidden' });
      }
  }

  /**
   * A committed event, in id order: sent now if this socket may see it on a channel, or held.
   * `texts` shares the frame's JSON, encoded once, among the sockets it reaches on the same channels.
   */
  offer(event: ChangeEvent, texts?: Map<string, Buffer>): void {
    if (!this.held) return this.handle(event, texts);
    this.held.push(event);
    if (this.held.length > MAX_HELD) void this.shutDown(CLOSE.tryAgainLater, 'too far behind');
  }

  /** Pings; a socket that did not answer the previous ping is dropped. */
  ping(): void {
    if (!this.alive) return this.ws.terminate();
    this.alive = false;
    this.ws.ping();
  }

  /** Closes with `code`; a peer that does not answer the close within a second is cut. */
  shutDown(code: number, reason: string): Promise<void> {
    // Once: every event offered to a closing socket would otherwise start another timer.
    this.closing ??= (async () => {
      if (this.ws.readyState === this.ws.OPEN) this.ws.close(code, reason);
      const cut = setTimeout(() => this.ws.terminate(), CLOSE_TIMEOUT_MS);
      await this.closed;
      clearTimeout(cut);
    })();
    return this.closing;
  }

  private handle(event: ChangeEvent, texts = new Map<string, Buffer>()): void {
    if (event.id <= this.cursor) return;
    this.cursor = event.id;
    const channels = [...this.channels].filter(([, channel]) => mayReceive(this.actor, channel, event)).map(([name]) => name);
    if (!channels.length) return;
    const key = channels.join(' ');
    let text = texts.get(key);
    if (text === undefined) texts.set(key, (text = Buffer.from(JSON.stringify(eventFrame(event, channels)))));
    this.sendText(text);
  }

  private async receive(data: RawData, isBinary: boolean): Promise<void> {
    if (this.ws.readyState !== this.ws.OPEN) return;
    const first = this.firstMessage;
    this.firstMessage = false;
    clearTimeout(this.authTimer);
    let message: ClientMessage;
    try {
      message = ClientMessage.parse(JSON.parse(isBinary ? '' : rawText(data)));
    } catch {
      return this.send({ type: 'error', code: 'malformed_message', message: 'expected JSON: auth, subscribe, unsubscribe or ping (see /api/v1/asyncapi.json)' });
    }
    switch (message.type) {
      case 'auth':
        return this.authenticate(message.token, first);
      case 'subscribe':
        return this.subscribe(message.channels, message.since);
      case 'unsubscribe':
        for (const name of message.channels) if (this.channels.delete(name)) this.send({ type: 'unsubscribed', channel: name });
        return;
      case 'ping':
        return this.send({ type: 'pong' });
    }
  }

  private async authenticate(token: string, first: boolean): Promise<void> {
    if (!first && !this.authenticated)
      return this.send({ type: 'error', code: 'unauthenticated', message: 'authenticate with the first message (within 5 s) or the bearer subprotocol; reconnect to sign in' });
    let result: Authenticated;
    try {
      result = await this.context.authenticate(token, this.context.origin);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.send({ type: 'error', code: error.code, message: error.message });
      // A fresh token that fails during the grace leaves the deadline running; a first one closes.
      if (!this.authenticated) void this.shutDown(CLOSE.unauthenticated, 'authentication failed');
      return;
    }
    const current = this.userId();
    if (this.authenticated && current !== result.actor.userId) return this.send({ type: 'error', code: 'forbidden', message: 'a fresh token must be for the same user' });
    if (!this.context.mayAuthenticate(result.actor.userId, current)) {
      this.send({ type: 'error', code: 'too_many_sockets', message: 'this user has too many sockets open' });
      return void this.shutDown(CLOSE.tooManySockets, 'too many sockets');
    }
    this.becomeUser(result);
  }

  private becomeUser({ actor, expiresAt }: Authenticated): void {
    const renewing = this.graceTimer !== undefined;
    this.actor = actor;
    this.authenticated = true;
    clearTimeout(this.expiryTimer);
    clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    this.armExpiry(expiresAt);
    this.send({ type: 'authenticated', userId: actor.userId, role: actor.role, expiresAt: expiresAt.toISOString() });
    // Events held while the token was stale go out now, checked against the fresh actor.
    if (renewing && !this.catchingUp) this.release();
  }

  /** Times the token's `exp`, in steps a Node timer can take (a longer delay would fire at once). */
  private armExpiry(expiresAt: Date): void {
    const left = expiresAt.getTime() - this.context.now().getTime();
    this.expiryTimer = setTimeout(() => (left > MAX_TIMER_MS ? this.armExpiry(expiresAt) : this.expire()), Math.max(0, Math.min(left, MAX_TIMER_MS)));
  }

  /** The token's `exp`: ask for a fresh one, hold events meanwhile, close with 4001 after the grace. */
  private expire(): void {
    this.send({ type: 'auth_expired' });
    this.held ??= [];
    this.graceTimer = setTimeout(() => void this.shutDown(CLOSE.unauthenticated, 'token expired'), this.context.limits.reauthGraceMs);
  }


  private beginResume(since: number): void {
    this.since = since;
    this.cursor = since;
    this.held ??= [];
  }

  private async subscribe(names: string[], since: number | undefined): Promise<void> {
    if (since !== undefined) {
      // Later, the socket has had live events already: a since would send them again.
      if (this.resumed || this.since !== null || this.channels.size)
        return this.send({ type: 'error', code: 'validation_failed', message: 'since is given once, with the first subscription or in the URL' });
      this.beginResume(since);
    }
    for (const name of names) {
      try {
        const channel = await this.context.scope(() => this.context.use(SubscribeChannel).execute(this.actor, name));
        this.channels.set(channelName(channel), channel);
        this.send({ type: 'subscribed', channel: name });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.send({ type: 'error', code: error.code, channel: name, message: error.message });
      }
    }
    if (this.since !== null && !this.resumed) await this.resume();
  }

  /**
   * Sends what the log holds after `since` that this socket may see, up to the first event held
   * since the socket opened (those come next, from the feed), then the held ones: every event
   * once, in id order. `caught_up` tells where live delivery begins, and whether the log still held
   * everything since (`complete`: false when `since` is older than EVENT_RETENTION or was pruned).
   */
  private async resume(): Promise<void> {
    this.resumed = true;
    this.catchingUp = true;
    let after = this.since!;
    const complete = await this.context.scope(() => this.context.use(ReadMissedEvents).reaches(after));
    for (;;) {
      const page = await this.context.scope(() => this.context.use(ReadMissedEvents).execute(after, RESUME_BATCH));
      for (const event of page.events) this.handle(event);
      after = page.next;
      const firstHeld = this.held?.[0]?.id;
      if (page.done || (firstHeld !== undefined && after >= firstHeld) || this.ws.readyState !== this.ws.OPEN) break;
    }
    this.catchingUp = false;
    if (this.graceTimer === undefined) this.release();
    this.send({ type: 'caught_up', lastId: this.cursor, complete });
  }

  private release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.handle(event);
  }

  private withinRate(): boolean {
    const now = Date.now();
    if (now - this.window.start >= 60_000) this.window = { start: now, count: 0 };
    this.window.count++;
    return this.window.count <= this.context.limits.maxMessagesPerMinute;
  }

  private send(frame: object): void {
    this.sendText(JSON.stringify(frame));
  }

  /**
   * Sends a frame's JSON as a text frame (a Buffer shared by many sockets is written as it is, not
   * re-encoded per socket); a client that lets WS_MAX_BUFFER_BYTES pile up unread is closed with 1013.
   */
  private sendText(text: string | Buffer): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(text, { binary: false });
    if (this.ws.bufferedAmount > this.context.limits.maxBufferBytes) void this.shutDown(CLOSE.tryAgainLater, 'too slow: send buffer full');
  }

  private fail(error: unknown): void {
    this.context.logger.error({ err: error }, 'realtime: a socket message failed');
    this.send({ type: 'error', code: 'internal_error', message: 'the server failed; try again' });
  }

  private clearTimers(): void {
    clearTimeout(this.authTimer);
    clearTimeout(this.expiryTimer);
    clearTimeout(this.graceTimer);
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
