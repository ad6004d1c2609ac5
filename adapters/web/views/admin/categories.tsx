import type { CategoryWithCount } from '../../../../application/ports/category-repo.ts';
import { formatQuantity } from '../../format.ts';
import { ActionForm, CsrfField, Problem, SubmitField } from '../components.tsx';
import { AdminLayout, type AdminPageProps } from './admin-layout.tsx';

export function Categories({ categories, problem, ...page }: AdminPageProps & { categories: CategoryWithCount[]; problem?: string | undefined }): JSX.Element {
  const { state } = page;
  return (
    <AdminLayout title="Categories" tab="categories" {...page}>
      <Problem message={problem} />
      <section class="panel" aria-labelledby="new-category">
        <h2 id="new-category">New category</h2>
        <form method="post" action="/admin/categories" class="row-form">
          <CsrfField token={state.csrfToken} />
          <div class="field">
            <label for="new-name">Name</label>
            <input id="new-name" name="name" required maxlength="64" />
          </div>
          <div class="field field-wide">
            <label for="new-description">Description</label>
            <input id="new-description" name="description" maxlength="500" />
          </div>
          <SubmitField label="Create" />
        </form>
      </section>
      {categories.length ? (
        <ul class="category-list">
          {categories.map(({ category, themeCount }) => (
            <li class="panel">
              <form method="post" action={`/admin/categories/${category.id}`} class="row-form">
                <CsrfField token={state.csrfToken} />
                <div class="field">
                  <label for={`name-${category.id}`}>Name</label>
                  <input id={`name-${category.id}`} name="name" value={category.name} required maxlength="64" />
                </div>
                <div class="field field-wide">
                  <label for={`description-${category.id}`}>Description</label>
                  <input id={`description-${category.id}`} name="description" value={category.description} maxlength="500" />
                </div>
                <SubmitField label="Save" primary={false} />
              </form>
              <div class="category-foot">
                <span class="muted">
                  <code safe>{category.slug}</code>
                  <span safe>{` · ${formatQuantity(themeCount, 'published theme', 'published themes')}`}</span>
                </span>
                <ActionForm
                  action={`/admin/categories/${category.id}/delete`}
                  token={state.csrfToken}
                  label="Delete"
                  tone="danger"
                  confirm={`Delete the category “${category.name}”?`}
                />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No category yet.</p>
      )}
    </AdminLayout>
  );
}
