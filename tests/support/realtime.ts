import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { RealtimeGateway } from '../../adapters/realtime/gateway.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { listen, realtimeFor, serveUpgrades } from '../../bootstrap/http-server.ts';
import { silentLogger, testApp, testConfig } from './runtime.ts';

/** A frame from the server, as JSON. */
export type Frame = { type: string; [key: string]: unknown };
export type EventFrame = Frame & { id: number; event: string; channels: string[]; subject: Record<string, string | null>; data: Record<string, unknown> };

/** The API and its WebSocket on a real HTTP server on a free port, wired as bootstrap/server.ts does. */
export type LiveServer = { server: Server; gateway: RealtimeGateway; http: string; ws: string; close(): Promise<void> };

export async function liveServer(runtime: Runtime, env: Record<string, string> = {}): Promise<LiveServer> {
  const server = createServer(testApp(runtime, env));
  const gateway = realtimeFor(runtime, testConfig(env), silentLogger);
  serveUpgrades(server)(gateway);
  const { port } = (await listen(server, 0, '127.0.0.1')) as AddressInfo;
  return {
    server,
    gateway,
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}/api/v1/ws`,
    close: async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A WebSocket client that keeps every frame, for tests to wait on in order. */
export class TestSocket {
  readonly frames: Frame[] = [];
  private read = 0;
  private waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      // Every frame must be a text frame: a browser hands a binary one over as a Blob, not a string.
      this.frames.push(isBinary ? { type: 'binary frame, expected text' } : (JSON.parse(String(data)) as Frame));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    void this.closed.then(() => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Opens a socket: `token` goes in the bearer subprotocol; `query` is appended to the URL; `headers` go with the upgrade. */
  static open(url: string, options: { token?: string; query?: string; headers?: Record<string, string> } = {}): Promise<TestSocket> {
    const ws = new WebSocket(options.query ? `${url}?${options.query}` : url, options.token ? ['bearer', options.token] : [], { headers: options.headers ?? {} });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestSocket(ws)));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused with ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next unread frame that matches (earlier unread ones are skipped), within `timeoutMs`. */
  async next<F extends Frame = Frame>(match: (frame: Frame) => boolean = () => true, timeoutMs = 3000): Promise<F> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.read < this.frames.length) {
        const frame = this.frames[this.read++]!;
        if (match(frame)) return frame as F;
      }
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`socket closed while waiting; frames: ${JSON.stringify(this.frames)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${timeoutMs} ms; frames: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Subscribes and waits for each channel's answer (subscribed, or an error frame). */
  async subscribe(channels: string[], since?: number): Promise<Frame[]> {
    this.send({ type: 'subscribe', channels, ...(since === undefined ? {} : { since }) });
    const answers: Frame[] = [];
    for (const channel of channels) answers.push(await this.next((f) => f.channel === channel && (f.type === 'subscribed' || f.type === 'error')));
    return answers;
  }

  /** Event frames received so far. */
  events(): EventFrame[] {
    return this.frames.filter((f): f is EventFrame => f.type === 'event');
  }

  close(): void {
    this.ws.close();
  }
}
