import type { Request, Response } from 'express';
import { Forbidden } from '../../domain/errors.ts';
import type { AssetUrls } from './assets.ts';
import type { BrowserSessions } from './browser-session.ts';
import { pageState, type PageState, type UseCases } from './context.ts';
import { sendPage } from './render.ts';

export type PageHandler = (req: Request, res: Response, state: PageState) => Promise<void>;

/** What the page routes share: use-cases, asset URLs, sessions, and how to register and send a page. */
export type Web = UseCases & {
  assets: AssetUrls;
  sessions: BrowserSessions;
  get(path: string | string[], handler: PageHandler): void;
  post(path: string, handler: PageHandler): void;
  send(req: Request, res: Response, status: number, page: JSX.Element): void;
};

/** Pages are rendered synchronously to strings; a promise would mean an async component slipped in. */
export function html(page: JSX.Element): string {
  if (typeof page !== 'string') throw new Error('pages render synchronously: no async components');
  return page;
}

export function sendHtml(req: Request, res: Response, sessions: BrowserSessions, status: number, page: JSX.Element): void {
  sendPage(res, status, html(page), pageState(req).nonce, sessions.secure(req));
}

/** A redirect after a form post: 303, so the browser follows with a GET. */
export function seeOther(res: Response, location: string): void {
  res.redirect(303, location);
}

/** One string field of a query or form; repeated fields count as absent. */
export function field(source: unknown, name: string): string | undefined {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** The string fields of a query or form that are set (non-empty), for a use-case's input. */
export function fields<K extends string>(source: unknown, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = field(source, name);
    if (value !== undefined && value.trim() !== '') out[name] = value;
  }
  return out;
}

/** Refuses a page to whom a rule refuses it, before the use-cases behind it run (a 403 page). */
export function requirePage(allowed: boolean): void {
  if (!allowed) throw new Forbidden('this page is for moderators and administrators');
}

