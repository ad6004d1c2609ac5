import type { CategoryWithCount } from '../../../application/ports/category-repo.ts';
import type { ThemeView } from '../../../application/ports/theme-catalog.ts';
import { PASSING_LEVELS, WCAG_THRESHOLDS } from '../../../domain/color/contrast.ts';
import { MAX_COLORS, MIN_COLORS } from '../../../domain/themes/theme.ts';
import { formatQuantity } from '../format.ts';
import type { AssetUrls } from '../assets.ts';
import type { PageState } from '../context.ts';
import { bg } from '../palette-styles.ts';
import { Notice, Pager, SelectField, SubmitField, ThemeGrid } from './components.tsx';
import { Layout } from './layout.tsx';

export const SORTS = [
  { value: '-createdAt', label: 'Newest' },
  { value: '-favorites', label: 'Most favourited' },
  { value: 'name', label: 'Name' },
  { value: 'createdAt', label: 'Oldest' },
] as const;

/** One click to search near a hue, without the picker (and without JavaScript). */
export const QUICK_COLORS = [
  { hex: '#e63946', name: 'red' },
  { hex: '#f4a261', name: 'orange' },
  { hex: '#e9c46a', name: 'yellow' },
  { hex: '#52b788', name: 'green' },
  { hex: '#2a9d8f', name: 'teal' },
  { hex: '#457b9d', name: 'blue' },
  { hex: '#3a0ca3', name: 'indigo' },
  { hex: '#9d4edd', name: 'purple' },
  { hex: '#ff70a6', name: 'pink' },
  { hex: '#6b4f3a', name: 'brown' },
  { hex: '#1d1d1f', name: 'black' },
  { hex: '#f5f5f0', name: 'white' },
] as const;

/** The minimum contrast of text on background, with the ratio each level stands for. */
const LEVEL_OPTIONS = PASSING_LEVELS.map((level) => ({ value: level, label: `${level} (${WCAG_THRESHOLDS.normalText[level]}:1 and up)` })).reverse();

/** As the URL carries them: `cvdSafe` is `true` when asked for, `colors` a number of colours. */
export type CatalogueFilters = {
  q?: string;
  category?: string;
  tag?: string;
  sort: string;
  color?: string;
  owner?: string;
  accessible?: string;
  cvdSafe?: string;
  colors?: string;
};

export type CatalogueProps = {
  state: PageState;
  assets: AssetUrls;
  paletteCss: string;
  filters: CatalogueFilters;
  categories: CategoryWithCount[];
  views: ThemeView[];
  /** Links to the first and next pages, when there are such pages. */
  first?: string | undefined;
  next?: string | undefined;
  /** Why the search could not run (a malformed colour, say); the form stays, filled in. */
  problem?: string | undefined;
  /** Builds the catalogue's URL with some filters changed. */
  link: (changes: Partial<CatalogueFilters>) => string;
};

export function Catalogue(props: CatalogueProps): JSX.Element {
  const { filters, categories, link } = props;
  const active = Boolean(filters.q || filters.category || filters.tag || filters.color || filters.owner || filters.accessible || filters.cvdSafe || filters.colors);
  return (
    <Layout title="Colour themes" state={props.state} assets={props.assets} paletteCss={props.paletteCss} section="browse">
      <section class="hero">
        <h1>Colour themes</h1>
        <p class="lede">Palettes people made and published, with names, hex values and roles. Search by words, category, tag or colour.</p>
      </section>

      <form class="filters" method="get" action="/" role="search" aria-label="Search themes" data-autosubmit>
        <div class="field field-wide">
          <label for="q">Words</label>
          <input id="q" name="q" type="search" value={filters.q ?? ''} placeholder="ocean, dark, pastel…" maxlength="200" />
        </div>
        <SelectField
          id="category"
          label="Category"
          options={categories.map(({ category, themeCount }) => ({ value: category.slug, label: `${category.name} (${themeCount})` }))}
          selected={filters.category}
          any="Any category"
        />
        <div class="field">
          <label for="tag">Tag</label>
          <input id="tag" name="tag" value={filters.tag ?? ''} placeholder="e.g. retro" maxlength="24" />
        </div>
        <SelectField id="accessible" label="Text contrast" options={LEVEL_OPTIONS} selected={filters.accessible} any="Any contrast" />
        <div class="field">
          <label for="colors">Colours</label>
          <input id="colors" name="colors" type="number" inputmode="numeric" min={String(MIN_COLORS)} max={String(MAX_COLORS)} value={filters.colors ?? ''} placeholder="Any" />
        </div>
        <fieldset class="field">
          <legend>Colour vision</legend>
          <div class="check-control">
            <input type="checkbox" id="cvdSafe" name="cvdSafe" value="true" checked={filters.cvdSafe === 'true'} />
            <label for="cvdSafe">Colour-blind safe</label>
          </div>
        </fieldset>
        <SelectField id="sort" label="Sort" options={SORTS} selected={filters.sort} />
        <fieldset class="field field-color">
          <legend>Colour</legend>
          <div class="color-control">
            <input type="checkbox" id="bycolor" name="bycolor" value="1" checked={Boolean(filters.color)} />
            <label for="bycolor">Near</label>
            <input type="color" id="pick" name="pick" value={filters.color ?? '#457b9d'} aria-label="Colour to match" />
          </div>
        </fieldset>
        {filters.owner ? <input type="hidden" name="owner" value={filters.owner} /> : ''}
        <SubmitField label="Search" />
      </form>

      <nav class="quick-colors" aria-label="Search by colour">
        <span class="quick-colors-label">Or pick a hue:</span>
        <ul>
          {QUICK_COLORS.map((color) => (
            <li>
              <a
                class={`color-dot ${bg(color.hex)}`}
                href={link({ color: color.hex })}
                aria-current={filters.color === color.hex ? 'true' : undefined}
                aria-label={`Themes with ${color.name} (${color.hex})`}
                title={color.hex}
              ></a>
            </li>
          ))}
        </ul>
      </nav>

      {props.problem ? (
        <Notice tone="error">
          <span safe>{props.problem}</span>
        </Notice>
      ) : (
        ''
      )}

      <div class="results-head">
        <h2 class="results-title">{active ? 'Matching themes' : 'Recently published'}</h2>
        {active ? (
          <p class="active-filters">
            {filters.owner ? <span class="pill" safe>{`by @${filters.owner}`}</span> : ''}
            {filters.accessible ? <span class="pill" safe>{`text contrast ${filters.accessible}`}</span> : ''}
            {filters.cvdSafe === 'true' ? <span class="pill">colour-blind safe</span> : ''}
            {filters.colors ? <span class="pill" safe>{formatQuantity(Number(filters.colors), 'colour', 'colours')}</span> : ''}
            {filters.color ? (
              <span class="pill">
                <span class={`pill-dot ${bg(filters.color)}`} aria-hidden="true"></span>
                <span safe>{`near ${filters.color}`}</span>
              </span>
            ) : (
              ''
            )}
            <a href="/">Clear filters</a>
          </p>
        ) : (
          ''
        )}
      </div>

      <ThemeGrid views={props.views} empty="No published theme matches these filters yet." />
      <Pager first={props.first} next={props.next} />
    </Layout>
  );
}
