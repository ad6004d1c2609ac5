import type { AssetUrls } from '../assets.ts';
import type { PageState } from '../context.ts';
import { CsrfField, Notice } from './components.tsx';
import { Layout, type Section } from './layout.tsx';

export type SignInProps = {
  state: PageState;
  assets: AssetUrls;
  /** Where to go once signed in (a local path). */
  next: string;
  login?: string;
  problem?: string | undefined;
  heading?: string;
  section?: Section;
};

export function SignIn({ state, assets, next, login, problem, heading = 'Sign in', section = 'sign-in' }: SignInProps): JSX.Element {
  return (
    <Layout title={heading} state={state} assets={assets} section={section}>
      <div class="narrow">
        <h1 safe>{heading}</h1>
        {problem ? (
          <Notice tone="error">
            <span safe>{problem}</span>
          </Notice>
        ) : (
          ''
        )}
        <form class="stack-form" method="post" action="/sign-in">
          <CsrfField token={state.csrfToken} />
          <input type="hidden" name="next" value={next} />
          <div class="field">
            <label for="login">Email or username</label>
            <input id="login" name="login" autocomplete="username" required maxlength="254" value={login ?? ''} />
          </div>
          <div class="field">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024" />
          </div>
          <button type="submit" class="button button-primary">
            Sign in
          </button>
        </form>
        <p class="muted">
          No account yet? Register through the API (<a href="/docs/">POST /api/v1/auth/register</a>).
        </p>
      </div>
    </Layout>
  );
}
