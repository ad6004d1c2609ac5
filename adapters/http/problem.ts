import type { Response } from 'express';
import { DomainError, TooManyAttempts, Unavailable, ValidationFailed, type FieldError } from '../../domain/errors.ts';

/** The one table that maps error codes to HTTP statuses. */
export const STATUS_BY_CODE = {
  malformed_request: 400,
  invalid_cursor: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_refresh_token: 401,
  refresh_token_reused: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  email_taken: 409,
  username_taken: 409,
  slug_taken: 409,
  category_in_use: 409,
  last_admin: 409,
  image_limit_reached: 409,
  upload_missing: 409,
  upload_expired: 410,
  precondition_failed: 412,
  payload_too_large: 413,
  range_not_satisfiable: 416,
  unsupported_media_type: 415,
  validation_failed: 422,
  too_many_attempts: 429,
  internal_error: 500,
  unavailable: 503,
} as const satisfies Record<string, number>;
export type ErrorCode = keyof typeof STATUS_BY_CODE;

export const PROBLEM_CACHE_CONTROL = 'no-store';

/** Headers that describe a successful answer, never a problem. */
const REPRESENTATION_HEADERS = ['ETag', 'Cache-Control', 'Last-Modified', 'Content-Disposition', 'Content-Range', 'Accept-Ranges', 'Location'];

/** How long a client is asked to wait before retrying a 503. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  416: 'Range not satisfiable',
  422: 'Validation failed',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function titleOf(status: number): string {
  return TITLES[status] ?? 'Error';
}

/** A refusal that only HTTP knows about (a broken body, an unknown route), with the headers that explain it. */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export type Problem = {
  type: 'about:blank';
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  requestId: string;
};

export type ProblemOutcome = { status: number; code: string; detail: string; errors?: FieldError[]; headers: Record<string, string>; expected: boolean };

/** What a failure means to a client. Anything unrecognised is a 500 with no internals. */
export function toProblem(error: unknown): ProblemOutcome {
  if (error instanceof DomainError || error instanceof HttpError) {
    const status = (STATUS_BY_CODE as Record<string, number>)[error.code] ?? 500;
    const headers: Record<string, string> = error instanceof HttpError ? { ...error.headers } : {};
    if (error instanceof TooManyAttempts) headers['Retry-After'] = String(error.retryAfterSeconds);
    if (error instanceof Unavailable) headers['Retry-After'] = String(UNAVAILABLE_RETRY_AFTER_SECONDS);
    if (error.code === 'unauthenticated') headers['WWW-Authenticate'] = 'Bearer realm="themes-api"';
    const errors = error instanceof ValidationFailed ? error.errors : undefined;
    return { status, code: error.code, detail: error.message, headers, expected: true, ...(errors ? { errors } : {}) };
  }
  return { status: 500, code: 'internal_error', detail: 'an unexpected error occurred; it was logged', headers: {}, expected: false };
}

export function sendProblem(res: Response, outcome: Omit<ProblemOutcome, 'expected'>, requestId: string): void {
  const body: Problem = {
    type: 'about:blank',
    title: titleOf(outcome.status),
    status: outcome.status,
    code: outcome.code,
    detail: outcome.detail,
    ...(outcome.errors ? { errors: outcome.errors } : {}),
    requestId,
  };
  // A route that failed after it began its answer (validators set, then a range refused or a store
  // down) must not lend that answer's headers to the problem: a cache would keep a 503 for a year.
  // No problem is worth storing: the next read may well succeed.
  for (const name of REPRESENTATION_HEADERS) res.removeHeader(name);
  res.status(outcome.status).set({ 'Cache-Control': PROBLEM_CACHE_CONTROL, ...outcome.headers }).type('application/problem+json').send(JSON.stringify(body));
}
