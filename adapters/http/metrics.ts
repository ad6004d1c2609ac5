import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { UploadResult } from '../../application/ports/operational-metrics.ts';
import { DomainError, TooManyPixels } from '../../domain/errors.ts';
import { HttpError } from './problem.ts';


/** What the HTTP adapter records, and how the exposition is read; bootstrap hands in the Prometheus metrics. */
export type HttpMetrics = {
  /** Called as a request arrives; the returned function is called once, when it is over. */
  requestStarted: () => (labels: { method: string; route: string; status: number }) => void;
  cacheLookup: (hit: boolean) => void;
  upload: (result: UploadResult) => void;
  scrape: () => Promise<{ contentType: string; body: string }>;
};

/** The label of requests that matched no route: one value, whatever the URL (bounded cardinality). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every request and counts those in flight. The route label is the template that matched
 * (`/api/v1/themes/:idOrSlug`), never the URL; a mount without routes names itself (`labelRoute`).
 */
export function measureRequests(metrics: HttpMetrics): RequestHandler {
  return (req, res, next) => {
    const done = metrics.requestStarted();
    // 'close' comes once, after the answer was sent or the client went away.
    res.once('close', () => done({ method: req.method, route: routeOf(req, res), status: res.statusCode }));
    next();
  };
}

/** Names the requests a mounted middleware answers (Swagger UI's files) by its mount point. */
export function labelRoute(route: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.route = route;
    next();
  };
}

function routeOf(req: Request, res: Response): string {
  const labelled = res.locals.route as string | undefined;
  if (labelled) return labelled;
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : UNMATCHED_ROUTE;
}

/**
 * GET /metrics: the exposition, to a bearer of `token` when one is set (compared in constant time);
 * without a token it is served only where bootstrap mounts it alone (METRICS_PORT).
 */
export function metricsEndpoint(scrape: HttpMetrics['scrape'], token: string | undefined): RequestHandler {
  const expected = token === undefined ? undefined : Buffer.from(token);
  return (async (req, res) => {
    const sent = /^Bearer (\S+)$/i.exec(req.get('authorization')?.trim() ?? '')?.[1] ?? '';
    if (expected && !sameBytes(Buffer.from(sent), expected))
      throw new HttpError('unauthenticated', 'the metrics need "Authorization: Bearer <METRICS_TOKEN>"');
    const { contentType, body } = await scrape();
    res.set('Cache-Control', 'no-store').type(contentType).send(body);
  }) as RequestHandler;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What a refused upload came to, from the error that refused it and whether the client went away. */
export function uploadResultOf(error: unknown, req: Request): UploadResult {
  const code = error instanceof DomainError || error instanceof HttpError ? error.code : undefined;
  if (code === 'payload_too_large') return 'too_large';
  if (code === 'unsupported_media_type') return 'unsupported';
  if (error instanceof TooManyPixels) return 'too_many_pixels';
  // The body stopped before its end because the client closed the connection.
  if (req.readableAborted) return 'aborted';
  return code === undefined || code === 'internal_error' || code === 'unavailable' ? 'failed' : 'refused';
}
