import type { CategoryWithCount } from '../../../../application/ports/category-repo.ts';
import type { ThemeView } from '../../../../application/ports/theme-catalog.ts';
import { formatDateTime } from '../../format.ts';
import { bg } from '../../palette-styles.ts';
import { ActionForm, CsrfField, Pager, Problem, SelectField, SubmitField } from '../components.tsx';
import { AdminLayout, type AdminPageProps } from './admin-layout.tsx';

export function Moderation({ views, q, next, first, ...page }: AdminPageProps & { views: ThemeView[]; q?: string | undefined; next?: string | undefined; first?: string | undefined }): JSX.Element {
  const { state } = page;
  return (
    <AdminLayout title="Moderation" tab="moderation" {...page}>
      <p class="muted">Published themes, newest first. Unpublishing turns a theme back into its owner’s draft; deleting removes it with its images.</p>
      <form class="filters" method="get" action="/admin/moderation" role="search" aria-label="Search published themes">
        <div class="field field-wide">
          <label for="q">Words</label>
          <input id="q" name="q" type="search" value={q ?? ''} maxlength="200" />
        </div>
        <SubmitField label="Search" />
      </form>
      {views.length ? (
        <ul class="queue">
          {views.map(({ theme, owner, category }) => (
            <li class="queue-item">
              <span class="mini-palette" aria-hidden="true">
                {theme.colors.map((c) => (
                  <span class={bg(c.hex)}></span>
                ))}
              </span>
              <div class="queue-body">
                <a class="queue-title" href={`/t/${encodeURIComponent(theme.slug)}`} safe>
                  {theme.name}
                </a>
                <span class="muted" safe>
                  {`by @${owner.username}${category ? ` · ${category.name}` : ''} · ${formatDateTime(theme.createdAt)}`}
                </span>
              </div>
              <div class="actions">
                <a class="button button-quiet" href={`/admin/themes/${theme.id}/edit`}>
                  Edit
                </a>
                <ActionForm action={`/admin/themes/${theme.id}/unpublish`} token={state.csrfToken} label="Unpublish" tone="quiet" />
                <ActionForm
                  action={`/admin/themes/${theme.id}/delete`}
                  token={state.csrfToken}
                  label="Delete"
                  tone="danger"
                  confirm={`Delete “${theme.name}” with its images? This cannot be undone.`}
                />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No published theme to review.</p>
      )}
      <Pager first={first} next={next} />
    </AdminLayout>
  );
}

export type ThemeEditValues = { name: string; description: string; tags: string; categoryId: string };

export function ThemeEdit({
  view,
  values,
  categories,
  problem,
  ...page
}: AdminPageProps & { view: ThemeView; values: ThemeEditValues; categories: CategoryWithCount[]; problem?: string | undefined }): JSX.Element {
  const { theme } = view;
  return (
    <AdminLayout title={`Edit “${theme.name}”`} tab="moderation" {...page}>
      <Problem message={problem} />
      <form class="stack-form wide" method="post" action={`/admin/themes/${theme.id}/edit`}>
        <CsrfField token={page.state.csrfToken} />
        <input type="hidden" name="version" value={String(theme.version)} />
        <div class="field">
          <label for="name">Name</label>
          <input id="name" name="name" value={values.name} required maxlength="80" />
        </div>
        <div class="field">
          <label for="description">Description</label>
          <textarea id="description" name="description" rows="4" maxlength="2000" safe>
            {values.description}
          </textarea>
        </div>
        <div class="field">
          <label for="tags">Tags</label>
          <input id="tags" name="tags" value={values.tags} aria-describedby="tags-help" />
          <span id="tags-help" class="help">
            Separated by commas or spaces: a-z, 0-9 and hyphens.
          </span>
        </div>
        <SelectField
          id="categoryId"
          label="Category"
          options={categories.map(({ category }) => ({ value: category.id, label: category.name }))}
          selected={values.categoryId}
          any="None"
        />
        <div class="actions">
          <button type="submit" class="button button-primary">
            Save changes
          </button>
          <a class="button button-quiet" href="/admin/moderation">
            Cancel
          </a>
        </div>
      </form>
    </AdminLayout>
  );
}
