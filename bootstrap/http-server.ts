import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { apiDocument, buildApp, buildMetricsApp } from '../adapters/http/app.ts';
import { asyncApiDocument } from '../adapters/realtime/asyncapi.ts';
import { RealtimeGateway } from '../adapters/realtime/gateway.ts';
import { webPages } from '../adapters/web/pages.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { Config } from './config.ts';
import type { Runtime } from './container.ts';
import { PROJECT_ROOT } from './project-root.ts';
import { TYPES } from './tokens.ts';

/** The pages' stylesheet and script, served as they are in the source tree (the image copies the folder). */
const WEB_ASSETS = path.join(PROJECT_ROOT, 'adapters/web/assets');

const version = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The OpenAPI document the server serves, built from the route declarations alone (no runtime). */
export function openApiDocument(): Record<string, unknown> {
  return apiDocument(version);
}

/** The Express app wired to a runtime's container; `publicUrl` defaults to PUBLIC_URL. */
export function appFor(runtime: Runtime, config: Config, logger: Logger, publicUrl: () => string = () => config.publicUrl ?? `http://localhost:${config.port}`) {
  const use: Parameters<typeof buildApp>[0]['use'] = (useCase) => runtime.container.get(useCase as never);
  return buildApp({
    logger,
    publicUrl,
    maxUploadBytes: config.uploads.maxBytes,
    staging: runtime.staging,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    version,
    cache: { enabled: config.cache.enabled, maxBytes: config.cache.maxBytes, feed: runtime.container.get(TYPES.ChangeFeed) },
    scope: runtime.scope,
    use,
    asyncApiDocument: () => asyncApiDocument(version),
    ...(config.metrics.kind === 'on'
      ? { metrics: { record: runtime.metrics, ...(config.metrics.port === undefined && config.metrics.token ? { endpoint: { token: config.metrics.token } } : {}) } }
      : {}),
    pages: webPages({
      use,
      assetsDir: WEB_ASSETS,
      csrfSecret: runtime.secrets.csrf,
      secureCookies: config.publicUrl?.startsWith('https:') ?? false,
      sessionMaxAgeSeconds: config.jwt.refreshTokenTtlSeconds,
    }),
  });
}

/** The WebSocket API of a runtime (`GET /api/v1/ws`), fed by its change feed. */
export function realtimeFor(runtime: Runtime, config: Config, logger: Logger): RealtimeGateway {
  const clock = runtime.container.get<Clock>(TYPES.Clock);
  return new RealtimeGateway({
    use: (useCase) => runtime.container.get(useCase as never),
    scope: runtime.scope,
    feed: runtime.container.get(TYPES.ChangeFeed),
    logger,
    limits: config.realtime,
    now: () => clock.now(),
    trustProxy: config.trustProxy,
  });
}

/**
 * Hands the server's upgrade requests to the gateway once it is given (until then, while the
 * server starts, they get 503), and refuses upgrades of any other path. Returns the setter.
 */
export function serveUpgrades(server: Server): (ready: RealtimeGateway) => void {
  let gateway: RealtimeGateway | undefined;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (gateway?.handles(req)) return gateway.upgrade(req, socket, head);
    const status = gateway ? '404 Not Found' : '503 Service Unavailable';
    socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  return (ready) => {
    gateway = ready;
  };
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/** The app of METRICS_PORT (GET /metrics alone), when metrics are served there. */
export function metricsAppFor(runtime: Runtime, config: Config, logger: Logger) {
  return config.metrics.kind === 'on' && config.metrics.port !== undefined ? buildMetricsApp(runtime.metrics, config.metrics.token, logger) : null;
}
