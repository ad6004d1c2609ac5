import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.ts';

export type { components, operations, paths } from './schema.ts';
export type Session = components['schemas']['Session'];
export type Problem = components['schemas']['Problem'];
export type Tokens = { accessToken: string; refreshToken: string };
type Registration = paths['/api/v1/auth/register']['post']['requestBody']['content']['application/json'];

/** A refusal of the API, with its problem details (`code` is stable, `detail` is for people). */
export class ThemesApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem ? `${status} ${problem.code}: ${problem.detail}` : `HTTP ${status}`);
  }
}

export type ThemesClientOptions = {
  /** Where the API is served, e.g. `http://localhost:3000` (paths start with `/api/v1`). */
  baseUrl: string;
  /** Tokens kept from an earlier session (see `onTokens`). */
  tokens?: Tokens;
  /** Called whenever the tokens change (sign-in, refresh, sign-out; null when the session ended), to keep them. */
  onTokens?: (tokens: Tokens | null) => void;
  /** The fetch to send requests with (the global one by default). */
  fetch?: (request: Request) => Promise<Response>;
};

export type ThemesClient = {
  /** Every route, typed from the OpenAPI document; sends the access token, and refreshes it once on a 401. */
  api: Client<paths>;
  /** Creates an account and signs in with it. */
  register(account: Registration): Promise<Session>;
  /** Signs in with an email or username and a password. */
  login(login: string, password: string): Promise<Session>;
  /** Ends the session here and on the server (its refresh token's family is revoked). */
  logout(): Promise<void>;
  /** The current tokens, or null when signed out. */
  readonly tokens: Tokens | null;
};

/**
 * A client of the Themes API. `api` calls any route with the types of the document; the access
 * token is sent with every call, and a call answered 401 is sent again once after the refresh token
 * got a new one (one refresh at a time, whatever the number of calls that met the 401).
 */
export function createThemesClient(options: ThemesClientOptions): ThemesClient {
  const send = options.fetch ?? ((request: Request) => fetch(request));
  let tokens: Tokens | null = options.tokens ?? null;
  let refreshing: Promise<boolean> | undefined;
  const keep = (next: Tokens | null) => {
    tokens = next;
    options.onTokens?.(next);
  };
  /** For the calls that sign in and out: no token, no retry. */
  const anonymous = createClient<paths>({ baseUrl: options.baseUrl, fetch: send });

  const refresh = (): Promise<boolean> =>
    (refreshing ??= (async () => {
      const refreshToken = tokens?.refreshToken;
      if (!refreshToken) return false;
      const { data } = await anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken } });
      // A refused refresh (expired, revoked, reused) ends the session.
      keep(data ? tokensOf(data) : null);
      return data !== undefined;
    })().finally(() => (refreshing = undefined)));

  const withToken = (request: Request): Request => {
    if (!tokens) return request;
    const signed = new Request(request);
    signed.headers.set('Authorization', `Bearer ${tokens.accessToken}`);
    return signed;
  };

  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: async (request) => {
      const again = request.clone();
      const sentWith = tokens?.accessToken;
      const response = await send(withToken(request));
      if (response.status !== 401 || sentWith === undefined) return response;
      // Another call may have refreshed the token meanwhile; otherwise refresh it now.
      if (tokens?.accessToken === sentWith && !(await refresh())) return response;
      return send(withToken(again));
    },
  });

  const start = async (call: Promise<{ data?: Session; error?: unknown; response: Response }>): Promise<Session> => {
    const { data, error, response } = await call;
    if (!data) throw new ThemesApiError(response.status, error as Problem | undefined);
    keep(tokensOf(data));
    return data;
  };

  return {
    api,
    register: (account) => start(anonymous.POST('/api/v1/auth/register', { body: account })),
    login: (login, password) => start(anonymous.POST('/api/v1/auth/login', { body: { login, password } })),
    async logout() {
      if (tokens) await anonymous.POST('/api/v1/auth/logout', { body: { refreshToken: tokens.refreshToken } });
      keep(null);
    },
    get tokens() {
      return tokens;
    },
  };
}

/** The multipart form of an upload, for `bodySerializer` (files as Blobs, fields as text; absent ones left out). */
export function multipart(fields: Record<string, Blob | string | undefined>): FormData {
  const form = new FormData();
  // The file goes last: the server reads the fields that come before it.
  const entries = Object.entries(fields).sort(([, a], [, b]) => Number(a instanceof Blob) - Number(b instanceof Blob));
  for (const [name, value] of entries) if (value !== undefined) form.append(name, value);
  return form;
}

function tokensOf(session: Session): Tokens {
  return { accessToken: session.accessToken, refreshToken: session.refreshToken };
}
