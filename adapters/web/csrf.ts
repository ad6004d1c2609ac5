import type { Request, RequestHandler } from 'express';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import { pageState } from './context.ts';

/** The hidden field every form carries its token in. */
export const CSRF_FIELD = '_csrf';

/**
 * CSRF tokens for every form, as signed double-submit cookies (csrf-csrf): the token is an HMAC of
 * a random value and the browser's session (its refresh-token family; none before signing in), kept
 * in an httpOnly cookie and echoed in each form. A post whose field does not match its cookie, or
 * whose token was made for another session, is refused before any use-case runs.
 */
export class CsrfTokens {
  private readonly plain: DoubleCsrfUtilities;
  private readonly secure: DoubleCsrfUtilities;

  constructor(secret: string) {
    const make = (secure: boolean) =>
      doubleCsrf({
        getSecret: () => secret,
        getSessionIdentifier: (req) => sessionOf(req),
        cookieName: secure ? '__Host-csrf' : 'csrf',
        cookieOptions: { sameSite: 'strict', secure, httpOnly: true, path: '/' },
        getCsrfTokenFromRequest: (req) => {
          const value = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
          return typeof value === 'string' ? value : undefined;
        },
      });
    this.plain = make(false);
    this.secure = make(true);
  }

  /** Checks posts (GET and HEAD pass); a refusal is csrf-csrf's 403 error, which the error page explains. */
  protect(secure: (req: Request) => boolean): RequestHandler {
    return (req, res, next) => this.utilities(secure(req)).doubleCsrfProtection(req, res, next);
  }

  /** The token for this page's forms: the cookie's, while it is valid for the session, else a new one. */
  token(secure: boolean, req: Request, res: Parameters<RequestHandler>[1]): string {
    return this.utilities(secure).generateCsrfToken(req, res);
  }

  private utilities(secure: boolean): DoubleCsrfUtilities {
    return secure ? this.secure : this.plain;
  }
}

function sessionOf(req: Request): string {
  const { actor } = pageState(req);
  return actor.kind === 'user' ? (actor.sessionId ?? actor.userId) : '';
}
