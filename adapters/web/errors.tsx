import type { ErrorRequestHandler, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { anonymous } from '../../application/actor.ts';
import { Conflict, DomainError, Forbidden, InvalidCredentials, InvalidCursor, NotFound, TooManyAttempts, Unauthenticated, ValidationFailed, VersionConflict } from '../../domain/errors.ts';
import type { AssetUrls } from './assets.ts';
import type { BrowserSessions } from './browser-session.ts';
import { pageStateOrNull, setPageState, type PageState } from './context.ts';
import { formatQuantity } from './format.ts';
import { sendPage } from './render.ts';
import { html } from './web.ts';
import { ErrorPage } from './views/error-page.tsx';

export type Refusal = { status: number; title: string; message: string };

/**
 * What a page says when a use-case refuses: the web's own small table of statuses, by error class.
 * It mirrors the REST adapter's (which answers problem+json): adapters do not share code, and the
 * choice of a status and of words for a person is each driver's own.
 */
export function refusalOf(error: unknown): Refusal | null {
  if (isCsrfError(error)) return { status: 403, title: 'This form has expired', message: 'Reload the page and try again.' };
  if (!(error instanceof DomainError)) return bodyRefusal(error);
  if (error instanceof ValidationFailed) return { status: 422, title: 'Please check the form', message: describeValidation(error) };
  if (error instanceof NotFound) return { status: 404, title: 'Not found', message: 'There is nothing here, or it is not yours to see.' };
  if (error instanceof InvalidCredentials) return { status: 401, title: 'Not signed in', message: 'That login and password do not match an account.' };
  if (error instanceof Unauthenticated) return { status: 401, title: 'Please sign in', message: 'Sign in to go on.' };
  if (error instanceof Forbidden) return { status: 403, title: 'Not allowed', message: `You cannot do this: ${error.message}.` };
  if (error instanceof TooManyAttempts) return { status: 429, title: 'Too many attempts', message: `Please wait: try again in ${waitOf(error)}.` };
  if (error instanceof VersionConflict) return { status: 409, title: 'Changed meanwhile', message: 'Someone changed this while you were editing: reload it and apply your change again.' };
  if (error instanceof Conflict) return { status: 409, title: 'Conflict', message: `${capitalise(error.message)}.` };
  if (error instanceof InvalidCursor) return { status: 400, title: 'Bad page link', message: 'This page link is broken or belongs to another search.' };
  return null;
}

export function describeValidation(error: ValidationFailed): string {
  const issues = error.errors.map((e) => (e.path && e.path !== '(body)' ? `${e.path}: ${e.message}` : e.message));
  return issues.length ? issues.join('; ') : error.message;
}

export function retryAfterOf(error: unknown): number | null {
  return error instanceof TooManyAttempts ? error.retryAfterSeconds : null;
}

function waitOf(error: TooManyAttempts): string {
  const seconds = error.retryAfterSeconds;
  return seconds < 90 ? formatQuantity(seconds, 'second', 'seconds') : formatQuantity(Math.ceil(seconds / 60), 'minute', 'minutes');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isCsrfError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EBADCSRFTOKEN';
}

/** body-parser's refusals of a form: too large, too many fields, unreadable. */
function bodyRefusal(error: unknown): Refusal | null {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large' || type === 'parameters.too.many') return { status: 413, title: 'Too much', message: 'The form sent more than this page accepts.' };
  if (typeof type === 'string' && type.startsWith('entity.') ) return { status: 400, title: 'Bad request', message: 'The form could not be read.' };
  return null;
}

/**
 * The error page of the web routes: refusals as a page a person can act on (a GET that needs a
 * session goes to the sign-in form); anything unexpected is logged with the request id and shown as 500.
 */
export function errorPages(assets: AssetUrls, sessions: BrowserSessions): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, _next) => {
    const state = pageStateOrNull(req) ?? fallbackState(req);
    const refusal = refusalOf(error);
    if (refusal?.status === 401 && (req.method === 'GET' || req.method === 'HEAD') && state.actor.kind === 'anonymous') {
      res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (!refusal) req.log?.error({ err: error }, 'page failed');
    const { status, title, message } = refusal ?? { status: 500, title: 'Something went wrong', message: 'The page could not be made. It has been logged; please try again.' };
    const retryAfter = retryAfterOf(error);
    if (retryAfter !== null) res.set('Retry-After', String(retryAfter));
    sendPage(
      res,
      status,
      html(<ErrorPage state={state} assets={assets} status={status} title={title} message={message} requestId={refusal ? undefined : String(req.id)} />),
      state.nonce,
      sessions.secure(req),
    );
  };
}

/** An error before the session was resolved: the page is drawn for an anonymous reader, without forms. */
function fallbackState(req: Request): PageState {
  const state: PageState = { actor: anonymous(), viewer: null, csrfToken: '', nonce: randomBytes(16).toString('base64'), here: '/' };
  setPageState(req, state);
  return state;
}
