import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { AuthenticateAccessToken } from '../../application/auth/authenticate-access-token.ts';
import { Api } from './api.ts';
import type { HttpContext } from './http-context.ts';
import { Links } from './http-context.ts';
import { assertJsonDepth } from './json-depth.ts';
import type { UploadStaging } from '../../application/ports/upload-staging.ts';
import { buildOpenApi } from './openapi.ts';
import { HttpError, sendProblem, toProblem } from './problem.ts';
import { authRoutes } from './routes/auth.ts';
import { docsRoutes } from './routes/docs.ts';
import { healthRoutes } from './routes/health.ts';
import { userRoutes } from './routes/users.ts';
import { categoryRoutes } from './routes/categories.ts';
import { themeRoutes } from './routes/themes.ts';
import { imageRoutes } from './routes/images.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { adminRoutes } from './routes/admin.ts';
import { paletteRoutes } from './routes/palettes.ts';
import { ThrottleAuth } from '../../application/auth/throttle-auth.ts';
import type { ChangeFeed } from '../../application/ports/change-feed.ts';
import { FavoriteFlags } from '../../application/themes/favorite-flags.ts';
import { CachedReads } from './cached-reads.ts';
import { ResponseCache } from './response-cache.ts';
import { labelRoute, measureRequests, metricsEndpoint, type HttpMetrics } from './metrics.ts';

export type HttpOptions = {
  logger: Logger;
  /** The base of absolute URLs; a function, since with PORT=0 it is known only once listening. */
  publicUrl: () => string;
  maxUploadBytes: number;
  staging: UploadStaging;
  corsOrigins: string[];
  trustProxy: boolean | number | string;
  version: string;
  /** What public reads are cached with (CACHE, CACHE_MAX_BYTES), kept exact by the change feed. */
  cache: { enabled: boolean; maxBytes: number; feed: ChangeFeed };
  /** Runs each request in its own unit of work (one ORM EntityManager per request). */
  scope: <T>(work: () => Promise<T>) => Promise<T>;
  use: HttpContext['use'];
  /**
   * Another driving adapter's routes served beside the API (the web pages), joined in by bootstrap:
   * they pass through logging, security headers, bodies and the unit of work, before the API's routes.
   */
  pages?: RequestHandler;
  /** The AsyncAPI document of the WebSocket API served beside this one (another adapter's, joined in by bootstrap). */
  asyncApiDocument?: () => Record<string, unknown>;
  /**
   * Requests, cache lookups and uploads are recorded when metrics are on; `/metrics` is served here
   * when `endpoint` says so (behind a token; with METRICS_PORT it is served there instead).
   */
  metrics?: { record: HttpMetrics; endpoint?: { token: string } };
};

const BODY_LIMIT = '1mb';
const MAX_JSON_DEPTH = 32;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The Express app, middleware in the order a request meets it. */
export function buildApp(options: HttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // ETags are the routes' own, declared in the OpenAPI document: Express's weak hash of every answer
  // (problems included) would be neither. A route's own ETag still gets 304 from Express when it matches.
  app.set('etag', false);
  app.set('trust proxy', options.trustProxy);
  app.set('query parser', 'simple');

  const links = new Links(options.publicUrl);
  const cache = options.cache.enabled ? new ResponseCache(options.cache.feed, options.cache.maxBytes) : null;
  const metrics = options.metrics?.record;
  const reads = new CachedReads(cache, (actor, themeIds) => options.use(FavoriteFlags).execute(actor, themeIds), metrics?.cacheLookup);
  const context: HttpContext = { use: options.use, links, reads, maxUploadBytes: options.maxUploadBytes, staging: options.staging };
  const api = declareApi(context, options.version, options.asyncApiDocument);

  // 0. Time it, from the first byte of handling to the last (the route label is settled by then).
  if (metrics) app.use(measureRequests(metrics));

  // 1. Identify the request and log it (one JSON line per request, with its id, status and time).
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const sent = req.headers['x-request-id'];
        const id = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (req, res, error) => {
        // Probes and scrapes come every few seconds; an outage is logged once, where it starts and ends, not per request.
        if (req.url?.startsWith('/health/') || req.url === METRICS_PATH) return 'debug';
        if (res.statusCode === 503) return 'warn';
        return error || res.statusCode >= 500 ? 'error' : 'info';
      },
      // One short line per request: no headers, so no tokens or cookies in the logs.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url, ip: req.remoteAddress }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );

  // 2. Security headers and CORS (no cross-origin access unless CORS_ORIGINS lists the origin).
  // Swagger UI gets the same headers but no CSP (it would upgrade its plain-http calls on localhost).
  const apiHeaders = helmet();
  const docsHeaders = helmet({ contentSecurityPolicy: false });
  app.use(((req, res, next) => (req.path.startsWith('/docs') ? docsHeaders : apiHeaders)(req, res, next)) as RequestHandler);
  app.use(cors({ origin: options.corsOrigins.length ? options.corsOrigins : false, exposedHeaders: ['X-Request-Id', 'Location', 'ETag', 'Retry-After'] }));

  // 3. Routes, each in its own unit of work. Bodies are parsed by the routes that take one:
  // JSON up to 1 MiB and 32 levels deep; forms for the OAuth2 token endpoint.
  const authenticate = (token: string, origin: Parameters<AuthenticateAccessToken['execute']>[1]) =>
    options.use(AuthenticateAccessToken).execute(token, origin);
  app.use(((_req, _res, next) => void options.scope(async () => next())) as RequestHandler);
  // AUTH_RATE_LIMIT per client address (behind TRUST_PROXY, the address the proxy saw).
  app.use('/api/v1/auth', (async (req, _res, next) => {
    await options.use(ThrottleAuth).execute(req.ip ?? 'unknown');
    next();
  }) as RequestHandler);
  if (options.metrics?.endpoint) app.get(METRICS_PATH, metricsEndpoint(options.metrics.record.scrape, options.metrics.endpoint.token));
  if (options.pages) app.use(options.pages);
  app.use(api.router(authenticate, { json: jsonBodies(), form: express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 20 }) }, metrics?.upload));

  // 4. Swagger UI on the OpenAPI document (a route of the api).
  app.use(
    '/docs',
    labelRoute('/docs'),
    swaggerUi.serve,
    swaggerUi.setup(undefined, {
      customSiteTitle: 'Themes API',
      swaggerOptions: { url: '/api/v1/openapi.json', persistAuthorization: true },
    }),
  );

  // 5. Everything else is a problem+json.
  answerProblems(app);
  return app;
}

/** The path of the Prometheus exposition, on the API's port or on METRICS_PORT. */
export const METRICS_PATH = '/metrics';

/**
 * The app of METRICS_PORT: `/metrics` alone (behind the token too, when one is set), so that the
 * port can be left off the public network. Scrapes are not themselves measured or logged.
 */
export function buildMetricsApp(metrics: HttpMetrics, token: string | undefined, logger: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(((req, _res, next) => {
    req.id = randomUUID();
    req.log = logger;
    next();
  }) as RequestHandler);
  app.get(METRICS_PATH, metricsEndpoint(metrics.scrape, token));
  answerProblems(app);
  return app;
}

/** Unknown routes as 404, and every error as a problem+json (unexpected ones logged with the request id). */
function answerProblems(app: express.Express): void {
  app.use(((req) => {
    throw new HttpError('not_found', `no route ${req.method} ${req.path}`);
  }) as RequestHandler);
  app.use(((error, req: Request, res, _next) => {
    const outcome = toProblem(requestError(error) ?? error);
    if (!outcome.expected) req.log.error({ err: error }, 'request failed');
    sendProblem(res, outcome, String(req.id));
  }) as ErrorRequestHandler);
}

/** Every route of the API, declared once: Express serves them and the OpenAPI document describes them. */
export function declareApi(context: HttpContext, version: string, asyncApiDocument?: () => Record<string, unknown>): Api {
  const api = new Api();
  authRoutes(api, context);
  userRoutes(api, context);
  themeRoutes(api, context);
  imageRoutes(api, context);
  uploadRoutes(api, context);
  paletteRoutes(api, context);
  adminRoutes(api, context);
  categoryRoutes(api, context);
  healthRoutes(api, context);
  let document: Record<string, unknown> | undefined;
  docsRoutes(api, () => (document ??= buildOpenApi(api, { version, serverUrl: '/' })), asyncApiDocument);
  return api;
}

/**
 * The OpenAPI document without a server, for the client generator (`npm run generate:client`):
 * the routes are declared, never run.
 */
export function apiDocument(version: string): Record<string, unknown> {
  const declaredOnly = (): never => {
    throw new Error('the routes are only declared here');
  };
  const context: HttpContext = { use: declaredOnly, links: new Links(() => ''), reads: new CachedReads(null, declaredOnly), maxUploadBytes: 0, staging: { stage: declaredOnly } };
  return buildOpenApi(declareApi(context, version), { version, serverUrl: '/' });
}

/** Answers every request 503 while the server starts: it binds its port first, to report a port in use before anything else. */
export function buildStartingApp(): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(((_req, res) =>
    sendProblem(res, { status: 503, code: 'unavailable', detail: 'the server is starting; try again shortly', headers: { 'Retry-After': '1' } }, randomUUID())) as RequestHandler);
  return app;
}

/**
 * JSON bodies, parsed and checked for depth before use. body-parser reads an empty body as `{}`;
 * it is left undefined instead, so that a route that needs a body refuses it rather than
 * taking it for an empty object (a PATCH that changes nothing).
 */
function jsonBodies(): RequestHandler {
  const empty = new WeakSet<object>();
  const parse = express.json({
    limit: BODY_LIMIT,
    type: ['application/json', 'application/*+json'],
    verify: (req, _res, buf) => (buf.length === 0 ? void empty.add(req) : assertJsonDepth(buf, MAX_JSON_DEPTH)),
  });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (!error && empty.has(req)) req.body = undefined;
      next(error);
    });
}

/** Errors raised by Express and body-parser before a handler runs, as the problems API.md names. */
function requestError(error: unknown): HttpError | undefined {
  // The router decodes path parameters before matching a route.
  if (error instanceof URIError) return new HttpError('malformed_request', 'the path has a malformed percent-escape');
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return new HttpError('payload_too_large', `the body is larger than ${BODY_LIMIT}`);
  if (type === 'entity.parse.failed') return new HttpError('malformed_request', 'the body is not valid JSON');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported' || type === 'entity.verify.failed' || type === 'request.aborted')
    return error instanceof HttpError ? error : new HttpError('malformed_request', 'the body could not be read');
  if (type === 'parameters.too.many') return new HttpError('payload_too_large', 'the form has too many fields');
  return undefined;
}
