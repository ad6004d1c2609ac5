import { z } from 'zod';
import { Login, LoginInput } from '../../../application/auth/login.ts';
import { Logout, LogoutInput } from '../../../application/auth/logout.ts';
import { LogoutAll } from '../../../application/auth/logout-all.ts';
import { RefreshSession, RefreshSessionInput } from '../../../application/auth/refresh-session.ts';
import { RegisterUser, RegisterUserInput } from '../../../application/auth/register-user.ts';
import type { Api } from '../api.ts';
import type { HttpContext } from '../http-context.ts';
import { presentOAuthToken, presentSession } from '../presenters.ts';
import { OAuthTokenSchema, SessionSchema } from '../schemas.ts';
import { ValidationFailed } from '../../../domain/errors.ts';

const OAuthTokenRequest = z.discriminatedUnion('grant_type', [
  z.object({ grant_type: z.literal('password'), username: z.string(), password: z.string(), scope: z.string().optional() }),
  z.object({ grant_type: z.literal('refresh_token'), refresh_token: z.string(), scope: z.string().optional() }),
]);

/** The use-cases' field names, as the OAuth2 form calls them. */
const FORM_FIELDS: Record<string, string> = { login: 'username', refreshToken: 'refresh_token' };

function inFormTerms(error: ValidationFailed): ValidationFailed {
  return new ValidationFailed(error.errors.map((e) => ({ ...e, path: FORM_FIELDS[e.path] ?? e.path })));
}

export function authRoutes(api: Api, { use, links }: HttpContext): void {
  const base = '/api/v1/auth';
  api.add(base, {
    method: 'post',
    path: '/register',
    tag: 'auth',
    summary: 'Create an account and start a session',
    auth: 'none',
    body: { schema: RegisterUserInput, example: { email: 'ada@example.com', username: 'ada', password: 'correct horse battery', displayName: 'Ada' } },
    response: { status: 201, description: 'the account and its first session', schema: SessionSchema, headers: { Location: 'the public profile' } },
    errors: ['malformed_request', 'validation_failed', 'email_taken', 'username_taken', 'too_many_attempts'],
    caching: 'no-store',
    async handle({ res, actor, body }) {
      const session = await use(RegisterUser).execute(actor, body);
      res.status(201).location(links.api(`/users/${session.user.username}`)).json(presentSession(session, links));
    },
  });

  api.add(base, {
    method: 'post',
    path: '/login',
    tag: 'auth',
    summary: 'Log in with an email or username and a password',
    auth: 'none',
    body: { schema: LoginInput, example: { login: 'ada', password: 'correct horse battery' } },
    response: { status: 200, description: 'a new session', schema: SessionSchema },
    errors: ['malformed_request', 'validation_failed', 'invalid_credentials', 'forbidden', 'too_many_attempts'],
    caching: 'no-store',
    async handle({ res, actor, body }) {
      res.json(presentSession(await use(Login).execute(actor, body), links));
    },
  });

  api.add(base, {
    method: 'post',
    path: '/token',
    tag: 'auth',
    summary: 'OAuth2 token endpoint (password and refresh_token grants), for Swagger UI and OAuth2 clients',
    auth: 'none',
    body: { schema: OAuthTokenRequest, type: 'form' },
    response: { status: 200, description: 'an OAuth2 token response', schema: OAuthTokenSchema, headers: { 'Cache-Control': 'no-store (RFC 6749)' } },
    errors: ['malformed_request', 'validation_failed', 'invalid_credentials', 'invalid_refresh_token', 'refresh_token_reused', 'forbidden', 'too_many_attempts'],
    caching: 'no-store',
    async handle({ res, actor, body }) {
      const parsed = OAuthTokenRequest.safeParse(body);
      if (!parsed.success) throw ValidationFailed.field('grant_type', 'must be password (with username and password) or refresh_token (with refresh_token)');
      const grant = parsed.data;
      const session = await (grant.grant_type === 'password'
        ? use(Login).execute(actor, { login: grant.username, password: grant.password })
        : use(RefreshSession).execute(actor, { refreshToken: grant.refresh_token })
      ).catch((error: unknown) => {
        throw error instanceof ValidationFailed ? inFormTerms(error) : error;
      });
      res.json(presentOAuthToken(session));
    },
  });

  api.add(base, {
    method: 'post',
    path: '/refresh',
    tag: 'auth',
    summary: 'Exchange a refresh token for a new session; the old token is spent',
    auth: 'none',
    body: { schema: RefreshSessionInput },
    response: { status: 200, description: 'a new session with a new refresh token', schema: SessionSchema },
    errors: ['malformed_request', 'validation_failed', 'invalid_refresh_token', 'refresh_token_reused', 'too_many_attempts'],
    caching: 'no-store',
    async handle({ res, actor, body }) {
      res.json(presentSession(await use(RefreshSession).execute(actor, body), links));
    },
  });

  api.add(base, {
    method: 'post',
    path: '/logout',
    tag: 'auth',
    summary: "Revoke a refresh token's whole family",
    auth: 'none',
    body: { schema: LogoutInput },
    response: { status: 204, description: 'logged out' },
    errors: ['malformed_request', 'validation_failed', 'invalid_refresh_token', 'too_many_attempts'],
    async handle({ res, actor, body }) {
      await use(Logout).execute(actor, body);
      res.status(204).end();
    },
  });

  api.add(base, {
    method: 'post',
    path: '/logout-all',
    tag: 'auth',
    summary: 'Revoke every refresh token of the caller',
    auth: 'user',
    response: { status: 204, description: 'every session ended' },
    errors: ['unauthenticated', 'too_many_attempts'],
    async handle({ res, actor }) {
      await use(LogoutAll).execute(actor);
      res.status(204).end();
    },
  });
}

