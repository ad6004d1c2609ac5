import type { ThemeView } from '../../../application/ports/theme-catalog.ts';
import type { ThemeFileFormat } from '../../../application/themes/theme-files.ts';
import type { AccessibilityReport } from '../../../domain/color/accessibility.ts';
import type { Level } from '../../../domain/color/contrast.ts';
import { CVD_CONFUSION_THRESHOLD, CVD_TYPES, type CvdType } from '../../../domain/color/vision.ts';
import type { Image } from '../../../domain/images/image.ts';
import { THUMBNAIL_MAX } from '../../../domain/images/image.ts';
import type { AssetUrls } from '../assets.ts';
import type { PageState } from '../context.ts';
import { formatCount, formatDate, formatRatio } from '../format.ts';
import { bg, fg, inkOn } from '../palette-styles.ts';
import { ActionForm, OwnerAndCategory } from './components.tsx';
import { Layout } from './layout.tsx';

export const FORMAT_LABELS: Record<ThemeFileFormat, string> = {
  css: 'CSS custom properties',
  json: 'Design tokens (W3C JSON)',
  tailwind: 'Tailwind v4 @theme',
  scss: 'SCSS variables',
  gpl: 'GIMP palette',
  ase: 'Adobe Swatch Exchange',
  pal: 'JASC palette',
  hex: 'Hex list',
  svg: 'Swatch card (SVG)',
  png: 'Swatch card (PNG)',
};

const CVD_LABELS: Record<CvdType, string> = {
  protanopia: 'Protanopia (no red cones)',
  deuteranopia: 'Deuteranopia (no green cones)',
  tritanopia: 'Tritanopia (no blue cones)',
};

export type ThemePageProps = {
  state: PageState;
  assets: AssetUrls;
  paletteCss: string;
  view: ThemeView;
  report: AccessibilityReport;
  images: Image[];
  formats: readonly ThemeFileFormat[];
};

export function ThemePage({ state, assets, paletteCss, view, report, images, formats }: ThemePageProps): JSX.Element {
  const { theme } = view;
  const base = `/t/${encodeURIComponent(theme.slug)}`;
  const colors = theme.colors;
  return (
    <Layout title={theme.name} state={state} assets={assets} paletteCss={paletteCss} section="browse">
      <p class="breadcrumb">
        <a href="/">← All themes</a>
      </p>
      <header class="theme-head">
        <div>
          <h1 safe>{theme.name}</h1>
          <p class="theme-meta">
            <OwnerAndCategory view={view} />
            {theme.status === 'draft' ? <span class="badge badge-draft">Draft: only you and moderators see it</span> : ''}
            <span>
              <time datetime={theme.createdAt.toISOString()} safe>
                {formatDate(theme.createdAt)}
              </time>
            </span>
          </p>
          {theme.tags.length ? (
            <ul class="tags" aria-label="Tags">
              {theme.tags.map((tag) => (
                <li>
                  <a class="tag" href={`/?tag=${encodeURIComponent(tag)}`} safe>
                    {`#${tag}`}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            ''
          )}
        </div>
        <div class="favorite">
          <p class="favorite-count">
            <span aria-hidden="true">♥</span> <span safe>{formatCount(theme.favoriteCount)}</span>
            <span class="visually-hidden"> favourites</span>
          </p>
          {state.viewer ? (
            view.favorited ? (
              <ActionForm action={`${base}/unfavorite`} token={state.csrfToken} label="♥ Favourited: remove" tone="quiet" />
            ) : (
              <ActionForm action={`${base}/favorite`} token={state.csrfToken} label="♡ Add to favourites" />
            )
          ) : (
            <a class="button" href={`/sign-in?next=${encodeURIComponent(base)}`}>
              Sign in to favourite
            </a>
          )}
        </div>
      </header>

      {theme.description ? (
        <p class="theme-description" safe>
          {theme.description}
        </p>
      ) : (
        ''
      )}

      <section aria-labelledby="palette-title">
        <h2 id="palette-title">Palette</h2>
        <ul class="swatches">
          {colors.map((color) => (
            <li class={`swatch ${bg(color.hex)} ${inkOn(color.hex)}`}>
              <span class="swatch-name" safe>
                {color.name}
              </span>
              <span class="swatch-hex" safe>
                {color.hex}
              </span>
              {color.role ? <span class="swatch-role">{color.role}</span> : ''}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="roles-title">
        <h2 id="roles-title">Roles and contrast</h2>
        <div class="summary">
          <p class="summary-item">
            <span class="summary-label">Text on background</span>
            {theme.accessibility.textContrast === null ? (
              <span class="summary-value">no text and background roles</span>
            ) : (
              <span class="summary-value">
                <span safe>{formatRatio(theme.accessibility.textContrast)}</span> <LevelBadge level={theme.accessibility.level ?? 'fail'} />
              </span>
            )}
          </p>
          <p class="summary-item">
            <span class="summary-label">Colour-vision safe</span>
            <span class="summary-value">{theme.accessibility.cvdSafe ? 'Yes: every pair stays distinct' : 'No: see below'}</span>
          </p>
        </div>
        {report.rolePairs.length ? (
          <div class="table-wrap">
            <table>
              <caption>The role pairs a theme is judged by (text needs 4.5:1 for AA, 7:1 for AAA; interface parts 3:1)</caption>
              <thead>
                <tr>
                  <th scope="col">Pair</th>
                  <th scope="col">Sample</th>
                  <th scope="col">Ratio</th>
                  <th scope="col">Level</th>
                  <th scope="col">Suggested fix</th>
                </tr>
              </thead>
              <tbody>
                {report.rolePairs.map((pair) => (
                  <tr>
                    <th scope="row" safe>
                      {`${pair.foreground} on ${pair.background}`}
                    </th>
                    <td>
                      {/* The sample's words are drawn by CSS (::before): a demonstration of the pair, which may fail on purpose. */}
                      <span class={`sample ${bg(pair.backgroundHex)} ${fg(pair.foregroundHex)}`} aria-hidden="true"></span>
                    </td>
                    <td class="number" safe>
                      {formatRatio(pair.ratio)}
                    </td>
                    <td>
                      <LevelBadge level={pair.use === 'text' ? pair.grades.normalText : pair.grades.uiComponents} />
                    </td>
                    <td>
                      {pair.fix ? (
                        <span class="fixes">
                          {pair.fix.aa && pair.fix.aa !== pair.fix.from ? <Fix label="AA" hex={pair.fix.aa} /> : ''}
                          {pair.fix.aaa ? <Fix label="AAA" hex={pair.fix.aaa} /> : ''}
                          {!pair.fix.aa && !pair.fix.aaa ? 'no lightness reaches it' : ''}
                        </span>
                      ) : (
                        <span class="muted">none needed</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">Give colours the text, background, surface, primary, secondary or accent roles to have their pairs checked.</p>
        )}
      </section>

      {colors.length > 1 ? (
        <section aria-labelledby="matrix-title">
          <h2 id="matrix-title">Contrast matrix</h2>
          <p class="muted">Every pair of colours, with the WCAG 2.2 level for normal text (AA Large: 3:1, enough for large text and interface parts).</p>
          <ContrastMatrix report={report} colors={colors} />
        </section>
      ) : (
        ''
      )}

      <section aria-labelledby="vision-title">
        <h2 id="vision-title">Colour-vision previews</h2>
        <p class="muted">
          The palette as seen with each colour-vision deficiency (Machado et al. 2009). Pairs that become hard to tell apart (CIEDE2000 below{' '}
          {CVD_CONFUSION_THRESHOLD}) are listed under each.
        </p>
        <div class="vision">
          <VisionRow label="Typical vision" hexes={colors.map((c) => c.hex)} />
          {CVD_TYPES.map((type) => {
            const warnings = report.colorVision.warnings.filter((w) => w.type === type);
            return (
              <div>
                <VisionRow label={CVD_LABELS[type]} hexes={report.colorVision.simulated[type]} />
                {warnings.length ? (
                  <ul class="warnings">
                    {warnings.map((w) => (
                      <li safe>{`${colors[w.a]?.name} and ${colors[w.b]?.name} look alike (ΔE00 ${w.simulatedDeltaE.toFixed(1)})`}</li>
                    ))}
                  </ul>
                ) : (
                  ''
                )}
              </div>
            );
          })}
        </div>
      </section>

      {images.length ? (
        <section aria-labelledby="images-title">
          <h2 id="images-title">Images</h2>
          <ul class="gallery">
            {images.map((image) => {
              const scale = Math.min(1, THUMBNAIL_MAX / Math.max(image.width, image.height));
              return (
                <li>
                  <a href={`/media/${image.id}/original`}>
                    <img
                      src={`/media/${image.id}/thumbnail`}
                      alt={image.alt || `${image.kind} image of ${theme.name}`}
                      width={Math.round(image.width * scale)}
                      height={Math.round(image.height * scale)}
                      loading="lazy"
                    />
                  </a>
                  <span class="gallery-kind">{image.kind}</span>
                </li>
              );
            })}
          </ul>
        </section>
      ) : (
        ''
      )}

      <section aria-labelledby="export-title">
        <h2 id="export-title">Export</h2>
        <ul class="exports">
          {formats.map((format) => (
            <li>
              <a href={`${base}/export/${format}`}>
                <span class="export-format">{format}</span>
                <span class="export-label" safe>
                  {FORMAT_LABELS[format]}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

export function LevelBadge({ level }: { level: Level }): JSX.Element {
  return <span class={`badge level-${level.toLowerCase()}`}>{level === 'fail' ? 'Fails' : level}</span>;
}

function Fix({ label, hex }: { label: string; hex: string }): JSX.Element {
  return (
    <span class="fix">
      <span class={`dot ${bg(hex)}`} aria-hidden="true"></span>
      {`${label} ${hex}` as 'safe'}
    </span>
  );
}

function VisionRow({ label, hexes }: { label: string; hexes: readonly string[] }): JSX.Element {
  return (
    <div class="vision-row">
      <span class="vision-label">{label as 'safe'}</span>
      <ul class="vision-strip" aria-label={label}>
        {hexes.map((hex) => (
          <li class={`${bg(hex)} ${inkOn(hex)}`}>{hex as 'safe'}</li>
        ))}
      </ul>
    </div>
  );
}

const LEVEL_NAMES = { AAA: 'AAA', AA: 'AA', large: 'AA Large', fail: 'Fails' } as const;

function ContrastMatrix({ report, colors }: { report: AccessibilityReport; colors: ThemeView['theme']['colors'] }): JSX.Element {
  const ratio = new Map(report.pairs.map((p) => [`${p.a}:${p.b}`, p]));
  return (
    <div class="table-wrap">
      <table class="matrix">
        <caption>Contrast ratio of each colour (row) on each other colour (column)</caption>
        <thead>
          <tr>
            <td></td>
            {colors.map((c) => (
              <th scope="col">
                <span class={`dot ${bg(c.hex)}`} aria-hidden="true"></span>
                <span safe>{c.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {colors.map((row, i) => (
            <tr>
              <th scope="row">
                <span class={`dot ${bg(row.hex)}`} aria-hidden="true"></span>
                <span safe>{row.name}</span>
              </th>
              {colors.map((column, j) => {
                if (i === j) return <td class="matrix-self">—</td>;
                const pair = ratio.get(i < j ? `${i}:${j}` : `${j}:${i}`)!;
                const level = pair.grades.normalText === 'fail' && pair.grades.largeText !== 'fail' ? 'large' : pair.grades.normalText;
                return (
                  <td class={`matrix-cell ${bg(column.hex)} ${fg(row.hex)}`}>
                    <span class="matrix-sample" aria-hidden="true"></span>
                    <span class={`matrix-ratio level-${level.toLowerCase()}`}>
                      <span safe>{formatRatio(pair.ratio)}</span>
                      <span class="matrix-level">{LEVEL_NAMES[level]}</span>
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
