import type { Request, Response } from 'express';
import { anonymous, type Actor, type Origin } from '../../application/actor.ts';
import { AuthenticateAccessToken } from '../../application/auth/authenticate-access-token.ts';
import { Logout } from '../../application/auth/logout.ts';
import { RefreshSession } from '../../application/auth/refresh-session.ts';
import type { Session } from '../../application/auth/session.ts';
import { DomainError } from '../../domain/errors.ts';
import type { UseCases } from './context.ts';

export type SessionCookieSettings = {
  /** Cookies are Secure (and `__Host-` prefixed) when PUBLIC_URL is https, or when the request came over HTTPS. */
  secure: boolean;
  /** How long the cookie lasts: the refresh token's lifetime (REFRESH_TOKEN_TTL). */
  maxAgeSeconds: number;
};

/** Separates the refresh token (base64url) from the access token (a JWT) in the cookie's value. */
const SEPARATOR = '~';

/**
 * Browser sessions: the token pair of a sign-in kept in one httpOnly, SameSite=Strict cookie, so a
 * page signs in, refreshes and signs out through the same use-cases (and the same refresh-token
 * family, lockout and audit) as an API client. Only pages read this cookie; /api/v1 reads bearer
 * tokens alone.
 */
export class BrowserSessions {
  constructor(
    private readonly useCases: UseCases,
    private readonly settings: SessionCookieSettings,
  ) {}

  secure(req: Request): boolean {
    return this.settings.secure || req.secure;
  }

  cookieName(req: Request): string {
    return this.secure(req) ? '__Host-session' : 'session';
  }

  /**
   * The signed-in user, from the cookie's access token; once that has expired, the refresh token is
   * rotated for a new pair (the cookie is rewritten). Anything invalid signs the browser out.
   */
  async actorOf(req: Request, res: Response, origin: Origin): Promise<Actor> {
    const pair = this.read(req);
    if (!pair) return anonymous(origin);
    const { use } = this.useCases;
    try {
      return await use(AuthenticateAccessToken).execute(pair.accessToken, origin);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    try {
      const session = await use(RefreshSession).execute(anonymous(origin), { refreshToken: pair.refreshToken });
      this.start(req, res, session);
      return await use(AuthenticateAccessToken).execute(session.accessToken, origin);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.clear(req, res);
      return anonymous(origin);
    }
  }

  start(req: Request, res: Response, session: Session): void {
    res.cookie(this.cookieName(req), `${session.refreshToken}${SEPARATOR}${session.accessToken}`, {
      ...this.attributes(req),
      maxAge: this.settings.maxAgeSeconds * 1000,
    });
  }

  /** Signs the browser out: the session's refresh-token family is revoked, and the cookie goes. */
  async end(req: Request, res: Response, actor: Actor): Promise<void> {
    const pair = this.read(req);
    this.clear(req, res);
    if (!pair) return;
    await this.useCases
      .use(Logout)
      .execute(actor, { refreshToken: pair.refreshToken })
      .catch((error: unknown) => {
        // Already signed out elsewhere (or revoked): nothing left to end.
        if (!(error instanceof DomainError)) throw error;
      });
  }

  private clear(req: Request, res: Response): void {
    res.clearCookie(this.cookieName(req), this.attributes(req));
  }

  private attributes(req: Request) {
    return { httpOnly: true, sameSite: 'strict', secure: this.secure(req), path: '/' } as const;
  }

  private read(req: Request): { refreshToken: string; accessToken: string } | null {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[this.cookieName(req)];
    if (typeof value !== 'string') return null;
    const at = value.indexOf(SEPARATOR);
    if (at <= 0 || at === value.length - 1) return null;
    return { refreshToken: value.slice(0, at), accessToken: value.slice(at + 1) };
  }
}
