import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCommandLine } from './cli.ts';
import { ConfigError, type Config } from './config.ts';
import type { Logger } from 'pino';
import { buildStartingApp } from '../adapters/http/app.ts';
import { PruneLoginRecords } from '../application/auth/prune-login-records.ts';
import { PruneRefreshTokens } from '../application/auth/prune-refresh-tokens.ts';
import { ThrottleAuth } from '../application/auth/throttle-auth.ts';
import { PruneEvents } from '../application/events/prune-events.ts';
import { PruneNotifications } from '../application/notifications/prune-notifications.ts';
import { ObjectJanitor } from '../application/media/object-janitor.ts';
import { PruneUploadTickets } from '../application/media/prune-upload-tickets.ts';
import { createRuntime, type Runtime } from './container.ts';
import { StartupError } from './dependencies.ts';
import { drainer } from './draining.ts';
import { takeOverStopSignals } from './embedded-postgres.ts';
import { commandConfig } from './env-file.ts';
import { createFirstAdmin } from './first-admin.ts';
import { appFor, listen, metricsAppFor, realtimeFor, serveUpgrades } from './http-server.ts';
import { createLogger } from './logger.ts';

const STOP_TIMEOUT_MS = 10_000;
const SWEEP_INTERVAL_MS = 60_000;

const USAGE = `
Usage: npm start

Serves the Themes API (REST under /api/v1, Swagger UI at /docs) and its web pages (the catalogue
at /, the admin dashboard at /admin). Configured by environment
variables, and by a .env file in the working directory: with none set, PostgreSQL is embedded and
objects are kept on disk, both in DATA_DIR (./.data). README.md's Configuration table and
.env.example list every variable; a bad value stops the start with a message naming it.
FIRST_ADMIN_EMAIL and FIRST_ADMIN_PASSWORD create an admin at start when there is none yet.

Options:
  -h, --help  print this help
`;

async function main(): Promise<void> {
  parseCommandLine(USAGE, {});
  const config = commandConfig();
  const logger = createLogger(config.logLevel, config.env);

  // The port first: a port in use is reported before the embedded cluster is created or migrated.
  // Until the runtime is ready, requests answer 503.
  const server = createServer();
  const { handle, drain } = drainer(server);
  let respond: RequestListener = buildStartingApp();
  server.on('request', handle((req, res) => respond(req, res)));
  const upgradesTo = serveUpgrades(server);
  const address = await listenOrExplain(server, config.host, config.port);
  // METRICS_PORT too, before anything slow: its own server, answering 503 until the runtime is ready.
  const metricsPort = config.metrics.kind === 'on' ? config.metrics.port : undefined;
  const metricsServer = metricsPort === undefined ? null : createServer();
  let respondToScrapes: RequestListener = buildStartingApp();
  metricsServer?.on('request', (req, res) => respondToScrapes(req, res));
  const metricsAddress = metricsServer ? await listenOrExplain(metricsServer, config.host, metricsPort!, 'METRICS_PORT') : null;

  const runtime = await createRuntime(config, logger, { embeddedPostgresUser: 'server' });
  await createFirstAdmin(runtime, config, logger).catch(async (error: unknown) => {
    await runtime.close();
    throw error;
  });
  const stopHousekeeping = housekeeping(runtime, logger);
  // PUBLIC_URL, or http://localhost:<the port really listened on> (PORT=0 picks one).
  respond = appFor(runtime, config, logger, () => config.publicUrl ?? `http://localhost:${address.port}`);
  const realtime = realtimeFor(runtime, config, logger);
  upgradesTo(realtime);
  // The seam the metrics keep for realtime: open sockets, read at each scrape.
  runtime.metrics.countConnectionsWith(() => realtime.connectionCount());
  const metricsApp = metricsAppFor(runtime, config, logger);
  if (metricsApp) respondToScrapes = metricsApp;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: no new connections, finishing requests in flight');
    const timer = setTimeout(() => {
      logger.error('requests did not finish in time; exiting');
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    timer.unref();
    // Sockets close with 1001 (clients reconnect elsewhere, resuming with `since`) while requests finish.
    await Promise.all([realtime.close(), drain()]);
    metricsServer?.closeAllConnections();
    metricsServer?.close();
    await stopHousekeeping();
    await runtime.close();
    logger.info('stopped');
    clearTimeout(timer);
    process.exit(0);
  };
  // Ours first, then embedded-postgres's removed: a signal never finds no handler (Node drops one
  // pending when a signal's last listener goes). Announced only then, as clients stop on reading it.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
  takeOverStopSignals();
  announce(logger, config, address, metricsAddress);
}

/** Listens on PORT and HOST, or says in one line why it cannot. */
async function listenOrExplain(server: ReturnType<typeof createServer>, host: string, port: number, variable: 'PORT' | 'METRICS_PORT' = 'PORT'): Promise<AddressInfo> {
  try {
    return await listen(server, port, host);
  } catch (error) {
    const where = `${host}:${port}`;
    switch ((error as NodeJS.ErrnoException).code) {
      case 'EADDRINUSE':
        throw new StartupError(`${variable}: ${where} is already in use; stop what uses it, or set ${variable} to another port (0 picks a free one)`);
      case 'EACCES':
        throw new StartupError(`${variable}: listening on ${where} needs privileges; set ${variable} above 1023`);
      case 'EADDRNOTAVAIL':
      case 'ENOTFOUND':
        throw new StartupError(`HOST: ${host} is not an address of this machine; use 127.0.0.1, or 0.0.0.0 for every interface`);
      default:
        throw error;
    }
  }
}

/** The start-up line: where to go, and what to do next. */
function announce(logger: Logger, config: Config, address: AddressInfo, metricsAddress: AddressInfo | null): void {
  const url = `http://${hostForUrl(address.address)}:${address.port}`;
  const metrics = metricsAddress
    ? `http://${hostForUrl(metricsAddress.address)}:${metricsAddress.port}/metrics`
    : config.metrics.kind === 'on'
      ? `${url}/metrics`
      : 'off; set METRICS_TOKEN (a bearer token for /metrics) or METRICS_PORT (/metrics on a port of its own) to serve them';
  const firstAdmin = 'npm run create-admin -- --email you@example.com --username you';
  const next = config.env === 'production' ? `create the first admin: ${firstAdmin}` : `npm run seed for demo data, or create the first admin: ${firstAdmin}`;
  logger.info(
    { url, api: `${url}/api/v1`, docs: `${url}/docs`, admin: `${url}/admin`, metrics, database: config.database.kind, objects: config.objects.kind, next },
    `Themes API listening on ${url} (catalogue ${url}/, admin ${url}/admin, API ${url}/api/v1, docs ${url}/docs; metrics ${metrics}). Next: ${next}`,
  );
}

/**
 * Once at start, then every minute: deletes stored objects whose rows are gone and whose deletion
 * failed or was cut short by a crash, and the staging objects of expired upload tickets; forgets
 * finished rate-limit windows, old upload tickets, sign-in attempts past LOGIN_HISTORY_DAYS,
 * failed-login counts that can no longer lock anything and refresh tokens expired ACCESS_TOKEN_TTL
 * ago (PruneRefreshTokens says which stay longer); prunes change events older than EVENT_RETENTION
 * and notifications older than NOTIFICATION_RETENTION_DAYS.
 */
function housekeeping(runtime: Runtime, logger: Logger): () => Promise<void> {
  const janitor = runtime.container.get(ObjectJanitor);
  const throttle = runtime.container.get(ThrottleAuth);
  const tickets = runtime.container.get(PruneUploadTickets);
  const logins = runtime.container.get(PruneLoginRecords);
  const refreshTokens = runtime.container.get(PruneRefreshTokens);
  const events = runtime.container.get(PruneEvents);
  const notifications = runtime.container.get(PruneNotifications);
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = runtime
      .scope(async () => {
        const deleted = await janitor.sweep();
        if (deleted) logger.info({ deleted }, 'deleted orphaned objects');
        await throttle.prune();
        await tickets.execute();
        await logins.execute();
        await refreshTokens.execute();
        const pruned = await events.execute();
        if (pruned) logger.info({ pruned }, 'pruned old change events');
        await notifications.execute();
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'housekeeping failed; it will be retried'));
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) console.error(error.message);
  else console.error('Themes API failed to start:', error);
  process.exit(1);
});
