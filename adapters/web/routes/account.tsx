import { anonymous } from '../../../application/actor.ts';
import { Login } from '../../../application/auth/login.ts';
import { ThrottleAuth } from '../../../application/auth/throttle-auth.ts';
import { ListFavorites } from '../../../application/themes/list-favorites.ts';
import { SearchThemes } from '../../../application/themes/search-themes.ts';
import { Forbidden, InvalidCredentials, TooManyAttempts, ValidationFailed } from '../../../domain/errors.ts';
import { originOf } from '../context.ts';
import { refusalOf, retryAfterOf } from '../errors.tsx';
import { localPath, queryString } from '../format.ts';
import { paletteStyles } from '../palette-styles.ts';
import { Mine } from '../views/mine.tsx';
import { SignIn } from '../views/sign-in.tsx';
import { field, seeOther, type Web } from '../web.ts';
import { CATALOGUE_PAGE_SIZE } from './catalogue.tsx';

export function accountRoutes(web: Web): void {
  const { use, sessions } = web;

  web.get('/sign-in', async (req, res, state) => {
    const next = localPath(field(req.query, 'next'));
    if (state.actor.kind === 'user') return seeOther(res, next);
    web.send(req, res, 200, <SignIn state={state} assets={web.assets} next={next} />);
  });

  /**
   * The API's sign-in, for browsers: the same per-address rate limit as /api/v1/auth, the same
   * lockout, sign-in history and audit (the Login use-case), and a session of its own.
   */
  web.post('/sign-in', async (req, res, state) => {
    const next = localPath(field(req.body, 'next'));
    const login = field(req.body, 'login') ?? '';
    const origin = originOf(req);
    try {
      await use(ThrottleAuth).execute(req.ip ?? 'unknown');
      const session = await use(Login).execute(anonymous(origin), { login, password: field(req.body, 'password') ?? '' });
      sessions.start(req, res, session);
      seeOther(res, next);
    } catch (error) {
      if (!(error instanceof InvalidCredentials || error instanceof TooManyAttempts || error instanceof ValidationFailed || error instanceof Forbidden)) throw error;
      const refusal = refusalOf(error)!;
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== null) res.set('Retry-After', String(retryAfter));
      web.send(req, res, refusal.status, <SignIn state={state} assets={web.assets} next={next} login={login} problem={refusal.message} />);
    }
  });

  web.post('/sign-out', async (req, res, state) => {
    await use(ThrottleAuth).execute(req.ip ?? 'unknown');
    await sessions.end(req, res, state.actor);
    seeOther(res, '/');
  });

  /** The signed-in user's themes, drafts first among the newest, and their favourites. */
  web.get('/me', async (req, res, state) => {
    const themesCursor = field(req.query, 'themes');
    const favoritesCursor = field(req.query, 'favorites');
    const [themes, favorites] = await Promise.all([
      use(SearchThemes).execute(state.actor, { owner: 'me', limit: CATALOGUE_PAGE_SIZE, ...(themesCursor ? { cursor: themesCursor } : {}) }),
      use(ListFavorites).execute(state.actor, { limit: CATALOGUE_PAGE_SIZE, ...(favoritesCursor ? { cursor: favoritesCursor } : {}) }),
    ]);
    const hexes = [...themes.items, ...favorites.items].flatMap((v) => v.theme.colors.map((c) => c.hex));
    web.send(
      req,
      res,
      200,
      <Mine
        state={state}
        assets={web.assets}
        paletteCss={paletteStyles(hexes)}
        themes={themes.items}
        favorites={favorites.items}
        nextThemes={themes.nextCursor ? `/me${queryString({ themes: themes.nextCursor, favorites: favoritesCursor })}` : undefined}
        nextFavorites={favorites.nextCursor ? `/me${queryString({ themes: themesCursor, favorites: favorites.nextCursor })}` : undefined}
      />,
    );
  });
}
