import type { ThemeView } from '../../../application/ports/theme-catalog.ts';
import type { AssetUrls } from '../assets.ts';
import type { PageState } from '../context.ts';
import { Pager, ThemeGrid } from './components.tsx';
import { Layout } from './layout.tsx';

export type MineProps = {
  state: PageState;
  assets: AssetUrls;
  paletteCss: string;
  themes: ThemeView[];
  favorites: ThemeView[];
  nextThemes?: string | undefined;
  nextFavorites?: string | undefined;
};

/** The signed-in user's own themes (drafts included) and favourites. */
export function Mine({ state, assets, paletteCss, themes, favorites, nextThemes, nextFavorites }: MineProps): JSX.Element {
  return (
    <Layout title="Your themes" state={state} assets={assets} paletteCss={paletteCss} section="mine">
      <h1>Your themes</h1>
      <section aria-labelledby="own-title">
        <h2 id="own-title">Made by you, drafts included</h2>
        <ThemeGrid views={themes} empty="You have not made a theme yet: create one through the API (POST /api/v1/themes)." />
        <Pager next={nextThemes} />
      </section>
      <section aria-labelledby="favorites-title">
        <h2 id="favorites-title">Favourites</h2>
        <ThemeGrid views={favorites} empty="No favourites yet: open a theme and add it." />
        <Pager next={nextFavorites} />
      </section>
    </Layout>
  );
}
