import { randomBytes } from 'node:crypto';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { GetMe } from '../../application/users/get-me.ts';
import { NotFound } from '../../domain/errors.ts';
import { Assets } from './assets.ts';
import { BrowserSessions } from './browser-session.ts';
import { originOf, pageState, setPageState, type PageState, type UseCases } from './context.ts';
import { CsrfTokens } from './csrf.ts';
import { errorPages } from './errors.tsx';
import { accountRoutes } from './routes/account.tsx';
import { adminRoutes } from './routes/admin.tsx';
import { catalogueRoutes } from './routes/catalogue.tsx';
import { themeRoutes } from './routes/theme.tsx';
import { sendHtml, type PageHandler, type Web } from './web.ts';

export type WebOptions = {
  use: UseCases['use'];
  /** Where site.css and site.js are (adapters/web/assets, from the source tree: there is no front-end build). */
  assetsDir: string;
  /** Signs the CSRF tokens; the same on every instance (derived from JWT_SECRET). */
  csrfSecret: string;
  /** PUBLIC_URL is https: cookies are Secure and `__Host-` prefixed whatever the request says. */
  secureCookies: boolean;
  /** REFRESH_TOKEN_TTL: how long a browser stays signed in without signing in again. */
  sessionMaxAgeSeconds: number;
};

/**
 * The web face: server-rendered pages over the same use-cases as the REST API, a driving adapter of
 * its own. Only its routes read the session cookie; every other request passes through untouched.
 */
export function webPages(options: WebOptions): Router {
  const router = Router();
  const assets = new Assets(options.assetsDir);
  const sessions = new BrowserSessions({ use: options.use }, { secure: options.secureCookies, maxAgeSeconds: options.sessionMaxAgeSeconds });
  const csrf = new CsrfTokens(options.csrfSecret);
  const compress = compression();
  const forms = express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 20 });

  /** Who asks (from the cookie, refreshed when due), this page's nonce and form token. */
  const resolveSession: RequestHandler = async (req, res, next) => {
    const actor = await sessions.actorOf(req, res, originOf(req));
    const me = actor.kind === 'user' ? await options.use(GetMe).execute(actor) : null;
    const state: PageState = {
      actor,
      viewer: me && { username: me.username, displayName: me.displayName, role: me.role },
      csrfToken: '',
      nonce: randomBytes(16).toString('base64'),
      here: req.originalUrl,
    };
    setPageState(req, state);
    state.csrfToken = csrf.token(sessions.secure(req), req, res);
    next();
  };
  const stack: RequestHandler[] = [compress, cookieParser(), resolveSession, csrf.protect((req) => sessions.secure(req))];
  const run =
    (handler: PageHandler): RequestHandler =>
    (req: Request, res: Response) =>
      handler(req, res, pageState(req));

  const web: Web = {
    use: options.use,
    assets: assets.urls,
    sessions,
    get: (path, handler) => void router.get(path, ...stack, run(handler)),
    // Forms are parsed by the pages that take them (the API parses its own bodies, route by route).
    post: (path, handler) => void router.post(path, forms, ...stack, run(handler)),
    send: (req, res, status, page) => sendHtml(req, res, sessions, status, page),
  };

  router.get('/assets/{*file}', compress, assets.serve());
  catalogueRoutes(web);
  themeRoutes(web);
  accountRoutes(web);
  adminRoutes(web);
  // Anything else under the pages' own paths is a page too: a 404 page rather than a problem+json.
  web.get(['/t/{*rest}', '/me/{*rest}', '/admin/{*rest}', '/media/{*rest}'], async () => {
    throw new NotFound('page');
  });
  router.use(errorPages(assets.urls, sessions));
  return router;
}
