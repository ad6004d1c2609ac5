import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { anonymous, type Actor, type Origin } from '../../application/actor.ts';
import { Unauthenticated } from '../../domain/errors.ts';
import { uploadResultOf } from './metrics.ts';
import type { UploadResult } from '../../application/ports/operational-metrics.ts';
import { HttpError, type ErrorCode } from './problem.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Response headers: name → what it says. */
export type HeaderDocs = Record<string, string>;

export type Alternative = { status: number; description: string; schema?: z.ZodType; contentType?: string; headers?: HeaderDocs };

export type RouteContext = { req: Request; res: Response; actor: Actor; body: unknown };

export type RouteDef = {
  method: Method;
  /** Express syntax, relative to the router's base (`/users/:username`). */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** `user`: a token is required; `optional`: a token is used when sent; `none`: never read. */
  auth: 'none' | 'optional' | 'user';
  /** The request body: JSON validated by the use-case's schema, a form, or raw bytes left unread. Documented in OpenAPI. */
  body?: { schema: z.ZodType; type?: BodyType; example?: unknown };
  query?: z.ZodType;
  params?: Record<string, string>;
  /** Request headers the route reads (besides Authorization and X-Request-Id): name → what it does. */
  requestHeaders?: Record<string, string>;
  response: {
    status: number;
    description: string;
    schema?: z.ZodType;
    contentType?: string;
    /** Instead of `schema` and `contentType`: each media type the route may answer, with its schema. */
    media?: Record<string, z.ZodType>;
    /** Headers sent with every such answer: name → what it says. */
    headers?: HeaderDocs;
    /** Answers 304 Not Modified when If-None-Match names the current ETag (with the ETag and Cache-Control). */
    conditional?: boolean;
    /** Honours a single `Range: bytes=…`: 206 with Content-Range, 416 when it is outside the bytes. */
    ranges?: boolean;
  };
  /** Other answers the route gives under some configuration or state (a redirect; a failing health check). */
  alternatives?: Alternative[];
  /**
   * Error codes this route can answer. Those every route can (500, 503) and those its declaration
   * implies (a token: 401; a path parameter or a body: 400; a JSON or form body: 413) are added.
   */
  errors: ErrorCode[];
  /**
   * How clients and proxies may cache the answer (API.md, Caching): `revalidate` for reads of public
   * resources (`public` to anonymous readers, `private` to signed-in ones, always revalidated with
   * the ETag, 304 on a matching If-None-Match); `no-store` for private resources. Documented in the
   * OpenAPI document from here.
   */
  caching?: 'revalidate' | 'no-store';
  /**
   * An image upload, counted by what it came to (`uploads_total`): `stores` counts success as
   * `stored`; `receives` (the bytes of a direct upload, stored at its commit) counts refusals only.
   */
  upload?: 'stores' | 'receives';
  handle(ctx: RouteContext): Promise<void>;
};

/** Longer User-Agent headers are cut: they are kept with sessions and sign-in history. */
const USER_AGENT_MAX = 512;

export type Authenticator = (token: string, origin: Origin) => Promise<Actor>;

export const PUBLIC_REVALIDATE = 'public, max-age=0, must-revalidate';
export const PRIVATE_REVALIDATE = 'private, max-age=0, must-revalidate';
export const NO_STORE = 'no-store';

/**
 * The routes of the API, declared once: Express serves them and the OpenAPI document is
 * generated from the same declarations, so the two cannot drift apart.
 */
export class Api {
  readonly routes: (RouteDef & { base: string })[] = [];

  add(base: string, def: RouteDef): void {
    this.routes.push({ ...def, base });
  }

  /**
   * Express's router for the routes. A body is parsed only by a route that takes one, so a route
   * that takes none ignores whatever is sent and answers as the document says (no 400 or 413 there).
   */
  router(authenticate: Authenticator, parsers: BodyParsers, onUpload?: (result: UploadResult) => void): Router {
    const router = Router();
    for (const def of this.routes) {
      const parse = def.body && parsers[def.body.type ?? 'json'];
      const serve = async (req: Request, res: Response) => {
        if (def.caching === 'no-store') res.set('Cache-Control', NO_STORE);
        const origin: Origin = { ip: req.ip ?? null, requestId: String(req.id), userAgent: req.get('user-agent')?.slice(0, USER_AGENT_MAX) ?? null };
        const actor = def.auth === 'none' ? anonymous(origin) : await actorOf(req, origin, def.auth === 'user', authenticate);
        if (def.caching === 'revalidate') {
          res.set('Cache-Control', actor.kind === 'anonymous' ? PUBLIC_REVALIDATE : PRIVATE_REVALIDATE);
          // The same URL answers differently with a token (favourite flags, drafts).
          if (def.auth === 'optional') res.vary('Authorization');
        }
        const body = def.body ? requireBody(req, def.body.type ?? 'json') : undefined;
        await def.handle({ req, res, actor, body });
      };
      const counted = def.upload && onUpload ? countingUploads(serve, def.upload, onUpload) : serve;
      router[def.method](def.base + def.path, ...(parse ? [parse] : []), counted);
    }
    this.answerOtherMethods(router);
    return router;
  }

  /**
   * A known path asked with a method it does not serve: 405 with `Allow`, and OPTIONS answers with
   * `Allow` alone (CORS preflights are answered earlier, by the CORS middleware). Patterns overlap
   * (`/users/me` and `/users/:username`), so every pattern that matches adds its methods.
   */
  private answerOtherMethods(router: Router): void {
    const methodsByPath = new Map<string, Set<string>>();
    for (const def of this.routes) {
      const methods = methodsByPath.get(def.base + def.path) ?? new Set<string>();
      methods.add(def.method.toUpperCase());
      if (def.method === 'get') methods.add('HEAD');
      methodsByPath.set(def.base + def.path, methods);
    }
    const allowed = new WeakMap<Request, Set<string>>();
    for (const [path, methods] of methodsByPath)
      router.all(path, ((req, _res, next) => {
        allowed.set(req, new Set([...(allowed.get(req) ?? []), ...methods]));
        next();
      }) as RequestHandler);
    router.use(((req, res, next) => {
      const methods = allowed.get(req);
      if (!methods) return next();
      const allow = [...methods].sort().join(', ');
      if (req.method === 'OPTIONS') return void res.status(204).set('Allow', allow).end();
      throw new HttpError('method_not_allowed', `${req.method} is not served at ${req.path}; use ${allow}`, { Allow: allow });
    }) as RequestHandler);
  }
}

function countingUploads(serve: (req: Request, res: Response) => Promise<void>, kind: 'stores' | 'receives', onUpload: (result: UploadResult) => void) {
  return async (req: Request, res: Response) => {
    try {
      await serve(req, res);
    } catch (error) {
      onUpload(uploadResultOf(error, req));
      throw error;
    }
    if (kind === 'stores') onUpload('stored');
  };
}

async function actorOf(req: Request, origin: Origin, required: boolean, authenticate: Authenticator): Promise<Actor> {
  const header = req.get('authorization');
  if (!header) {
    if (required) throw new Unauthenticated();
    return anonymous(origin);
  }
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
  if (!match?.[1]) throw new Unauthenticated('the Authorization header must be "Bearer <token>"');
  return authenticate(match[1], origin);
}

export const MEDIA_TYPES = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
  binary: 'application/octet-stream',
} as const;
export type BodyType = keyof typeof MEDIA_TYPES;
/** The parsers of the bodies that arrive parsed (JSON and forms); multipart and raw bytes are streamed by their handlers. */
export type BodyParsers = Partial<Record<BodyType, RequestHandler>>;

/** JSON and form bodies arrive parsed; a multipart body, or raw bytes of any other type, are left for the handler to stream. */
function requireBody(req: Request, type: BodyType): unknown {
  if (type === 'binary') {
    if (req.is([MEDIA_TYPES.json, 'application/*+json', MEDIA_TYPES.form, 'multipart/*']))
      throw new HttpError('malformed_request', 'send the bytes themselves (application/octet-stream or image/…), not a JSON body or a form');
    return undefined;
  }
  const wanted = MEDIA_TYPES[type];
  if (!req.is(wanted)) throw new HttpError('malformed_request', `the body must be ${wanted}`);
  if (type === 'multipart') return undefined;
  if (req.body === undefined) throw new HttpError('malformed_request', `the body is empty; send ${type === 'json' ? 'a JSON object' : 'a form'}`);
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))
    throw new HttpError('malformed_request', 'the body must be a JSON object');
  return req.body;
}
