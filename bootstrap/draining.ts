import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';

/** How long a kept-alive connection may stay idle once stopping, so that a request already on its way is still answered. */
const IDLE_GRACE_MS = 1000;

/**
 * Lets an HTTP server stop without cutting a request it has started. `handle` wraps the request
 * listener; `drain()` stops accepting connections, answers every request in flight (and any that
 * arrives on an open connection meanwhile) with `Connection: close` so that clients reconnect
 * elsewhere instead of reusing the connection, and closes the connections that stay idle.
 */
export function drainer(server: Server) {
  const inFlight = new Set<ServerResponse>();
  let draining = false;

  const handle =
    (listener: RequestListener): RequestListener =>
    (req: IncomingMessage, res: ServerResponse) => {
      if (draining) res.setHeader('Connection', 'close');
      inFlight.add(res);
      res.once('close', () => inFlight.delete(res));
      listener(req, res);
    };

  const drain = (): Promise<void> =>
    new Promise((resolve) => {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      // net.Server's close, not http.Server's: that one also drops idle keep-alive connections at once,
      // resetting the requests their clients are sending at that very moment.
      NetServer.prototype.close.call(server, () => resolve());
      // After the grace, idle connections are closed, and so is any that turns idle later (one whose
      // answer had started before the stop, and so could not say Connection: close).
      let sweep: NodeJS.Timeout | undefined;
      const grace = setTimeout(() => {
        server.closeIdleConnections();
        sweep = setInterval(() => server.closeIdleConnections(), 100);
      }, IDLE_GRACE_MS);
      server.once('close', () => {
        clearTimeout(grace);
        clearInterval(sweep);
      });
    });

  return { handle, drain };
}
