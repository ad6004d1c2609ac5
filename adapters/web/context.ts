import type { Request } from 'express';
import type { Actor, Origin } from '../../application/actor.ts';
import type { Role } from '../../domain/users/role.ts';

/** Use-cases by class, as the container resolves them. */
export type UseCases = { use<T>(useCase: new (...args: never[]) => T): T };

/** Who is looking at a page, as the header shows it. */
export type Viewer = { username: string; displayName: string; role: Role };

/** What every page knows about its request: who asks, the form token, and the nonce of its style block. */
export type PageState = {
  actor: Actor;
  viewer: Viewer | null;
  csrfToken: string;
  nonce: string;
  /** The path and query of this page, to come back to after signing in or posting a form. */
  here: string;
};

const states = new WeakMap<Request, PageState>();

export function setPageState(req: Request, state: PageState): void {
  states.set(req, state);
}

export function pageStateOrNull(req: Request): PageState | null {
  return states.get(req) ?? null;
}

export function pageState(req: Request): PageState {
  const state = states.get(req);
  if (!state) throw new Error('page state read before the session was resolved');
  return state;
}

/** Longer User-Agent headers are cut: they are kept with sessions and sign-in history. */
const USER_AGENT_MAX = 512;

export function originOf(req: Request): Origin {
  return { ip: req.ip ?? null, requestId: String(req.id), userAgent: req.get('user-agent')?.slice(0, USER_AGENT_MAX) ?? null };
}
