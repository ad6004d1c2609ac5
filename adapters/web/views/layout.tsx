import type { PropsWithChildren } from '@kitajs/html';
import { can } from '../../../application/actor.ts';
import type { AssetUrls } from '../assets.ts';
import type { PageState } from '../context.ts';
import { CsrfField } from './components.tsx';

export type Section = 'browse' | 'mine' | 'admin' | 'sign-in';

export type LayoutProps = {
  title: string;
  state: PageState;
  assets: AssetUrls;
  /** Rules for the palette colours on the page (paletteStyles): validated hex only, under the page's CSP nonce. */
  paletteCss?: string;
  section?: Section;
};

export function Layout({ title, state, assets, paletteCss, section, children }: PropsWithChildren<LayoutProps>): JSX.Element {
  // Built by paletteStyles from #rrggbb values alone: nothing a user typed can reach it.
  const safePaletteCss = paletteCss ?? '';
  const current = (name: Section) => (section === name ? 'page' : undefined);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title safe>{`${title} · Themes`}</title>
        <link rel="icon" href={assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={assets.css} />
        {safePaletteCss ? <style nonce={state.nonce}>{safePaletteCss}</style> : ''}
        <script src={assets.js} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="site-header-inner">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">
                <span></span>
                <span></span>
                <span></span>
                <span></span>
              </span>
              Themes
            </a>
            <nav class="site-nav" aria-label="Site">
              <a href="/" aria-current={current('browse')}>
                Browse
              </a>
              {state.viewer ? (
                <a href="/me" aria-current={current('mine')}>
                  Your themes
                </a>
              ) : (
                ''
              )}
              {can(state.actor, 'themes:moderate') ? (
                <a href="/admin" aria-current={current('admin')}>
                  Admin
                </a>
              ) : (
                ''
              )}
              {state.viewer ? (
                <form class="sign-out" method="post" action="/sign-out">
                  <CsrfField token={state.csrfToken} />
                  <span class="who" safe>
                    {`@${state.viewer.username}`}
                  </span>
                  <button type="submit" class="link-button">
                    Sign out
                  </button>
                </form>
              ) : (
                <a href={`/sign-in?next=${encodeURIComponent(state.here)}`} aria-current={current('sign-in')}>
                  Sign in
                </a>
              )}
            </nav>
          </div>
        </header>
        <main id="main" class="page">
          {children as 'safe'}
        </main>
        <footer class="site-footer">
          <p>
            Themes API · <a href="/docs/">REST API reference</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
