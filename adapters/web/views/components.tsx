import type { PropsWithChildren } from '@kitajs/html';
import type { ThemeView } from '../../../application/ports/theme-catalog.ts';
import type { Color } from '../../../domain/themes/color.ts';
import { CSRF_FIELD } from '../csrf.ts';
import { formatCount } from '../format.ts';
import { bg, inkOn } from '../palette-styles.ts';

export function CsrfField({ token }: { token: string }): JSX.Element {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** A form that posts a single button, with its token (unpublish, delete, favourite, unlock). */
export function ActionForm({ action, token, label, tone, confirm }: { action: string; token: string; label: string; tone?: 'danger' | 'quiet'; confirm?: string }): JSX.Element {
  return (
    <form method="post" action={action} class="inline-form" data-confirm={confirm}>
      <CsrfField token={token} />
      <button type="submit" class={`button ${tone ? `button-${tone}` : ''}`} safe>
        {label}
      </button>
    </form>
  );
}

/** A palette as a paint chip: one row per colour with its name and hex, in black or white, whichever reads better. */
export function PaletteChip({ colors, label }: { colors: readonly Color[]; label: string }): JSX.Element {
  return (
    <ul class="chip" aria-label={label}>
      {colors.map((color) => (
        <li class={`chip-row ${bg(color.hex)} ${inkOn(color.hex)}`}>
          <span class="chip-name" safe>
            {color.name}
          </span>
          <span class="chip-hex" safe>{color.hex}</span>
        </li>
      ))}
    </ul>
  );
}

export function ThemeCard({ view }: { view: ThemeView }): JSX.Element {
  const { theme } = view;
  const href = `/t/${encodeURIComponent(theme.slug)}`;
  return (
    <article class="card">
      <PaletteChip colors={theme.colors} label={`Palette of ${theme.name}`} />
      <div class="card-body">
        <h2 class="card-title">
          {/* The title's link covers the whole card (CSS), so the palette is a target too. */}
          <a href={href} class="card-link" safe>
            {theme.name}
          </a>
          {theme.status === 'draft' ? <span class="badge badge-draft">Draft</span> : ''}
        </h2>
        <p class="card-meta">
          <OwnerAndCategory view={view} />
        </p>
        <p class="card-favorites" title="Favourites">
          <span aria-hidden="true">♥</span> <span safe>{formatCount(theme.favoriteCount)}</span>
          <span class="visually-hidden"> favourites</span>
        </p>
      </div>
    </article>
  );
}

export function ThemeGrid({ views, empty }: { views: ThemeView[]; empty: string }): JSX.Element {
  if (!views.length)
    return (
      <p class="empty" safe>
        {empty}
      </p>
    );
  return (
    <div class="grid">
      {views.map((view) => (
        <ThemeCard view={view} />
      ))}
    </div>
  );
}

/** Keyset pagination: a link to the first page (when not on it) and to the next one (when there is one). */
export function Pager({ first, next }: { first?: string | undefined; next?: string | undefined }): JSX.Element {
  if (!first && !next) return '';
  return (
    <nav class="pager" aria-label="Pages">
      {first ? <a href={first}>← First page</a> : <span></span>}
      {next ? (
        <a href={next} rel="next" class="button">
          Next page →
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}

/** A form's submit button in a field of its own, aligned with the inputs beside it. */
export function SubmitField({ label, primary = true }: { label: string; primary?: boolean }): JSX.Element {
  return (
    <div class="field field-submit">
      <button type="submit" class={primary ? 'button button-primary' : 'button'} safe>
        {label}
      </button>
    </div>
  );
}

/** A labelled menu; `any` adds a first, empty choice (no filter). */
export function SelectField({
  id,
  label,
  options,
  selected,
  any,
  name = id,
}: {
  id: string;
  label: string;
  options: readonly { value: string; label: string }[];
  selected?: string | undefined;
  any?: string;
  name?: string;
}): JSX.Element {
  return (
    <div class="field">
      <label for={id} safe>
        {label}
      </label>
      <select id={id} name={name}>
        {any ? (
          <option value="" safe>
            {any}
          </option>
        ) : (
          ''
        )}
        {options.map((option) => (
          <option value={option.value} selected={option.value === selected} safe>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Plain choices, shown as they are named (roles, statuses, audit actions). */
export const choices = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

/** "by @owner" and the category pill, linking to the catalogue filtered by each. */
export function OwnerAndCategory({ view }: { view: ThemeView }): JSX.Element {
  return (
    <>
      <span>
        by{' '}
        <a href={`/?owner=${encodeURIComponent(view.owner.username)}`} safe>
          {`@${view.owner.username}`}
        </a>
      </span>
      {view.category ? (
        <a class="pill" href={`/?category=${encodeURIComponent(view.category.slug)}`} safe>
          {view.category.name}
        </a>
      ) : (
        ''
      )}
    </>
  );
}

/** Why a form or a search could not be done, above it. */
export function Problem({ message }: { message?: string | undefined }): JSX.Element {
  if (!message) return '';
  return (
    <p class="notice notice-error" role="alert" safe>
      {message}
    </p>
  );
}

export function Notice({ tone, children }: PropsWithChildren<{ tone: 'error' | 'info' }>): JSX.Element {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children as 'safe'}
    </div>
  );
}
