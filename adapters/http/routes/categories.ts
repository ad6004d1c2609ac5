import { CreateCategory, CreateCategoryInput } from '../../../application/categories/create-category.ts';
import { DeleteCategory } from '../../../application/categories/delete-category.ts';
import { GetCategory } from '../../../application/categories/get-category.ts';
import { ListCategories } from '../../../application/categories/list-categories.ts';
import { UpdateCategory, UpdateCategoryInput } from '../../../application/categories/update-category.ts';
import type { Api } from '../api.ts';
import type { HttpContext } from '../http-context.ts';
import { presentCategory } from '../presenters.ts';
import { CategoryListSchema, CategorySchema } from '../schemas.ts';

export function categoryRoutes(api: Api, { use, links, reads }: HttpContext): void {
  const base = '/api/v1/categories';
  api.add(base, {
    method: 'get',
    path: '',
    tag: 'categories',
    summary: 'Every category, sorted by name, with its number of published themes',
    auth: 'none',
    response: { status: 200, description: 'the categories', schema: CategoryListSchema },
    errors: [],
    caching: 'revalidate',
    async handle({ req, res, actor }) {
      await reads.serve(req, res, actor, {
        key: 'categories',
        build: async () => {
          const categories = await use(ListCategories).execute();
          const body = { items: categories.map(presentCategory) };
          return { body, shared: body, tags: () => ['categories', ...categories.map((c) => `category:${c.category.id}`)], themeIds: [] };
        },
      });
    },
  });

  api.add(base, {
    method: 'get',
    path: '/:category',
    tag: 'categories',
    summary: 'One category by its slug',
    auth: 'none',
    params: { category: 'the category’s slug' },
    response: { status: 200, description: 'the category', schema: CategorySchema },
    errors: ['not_found'],
    caching: 'revalidate',
    async handle({ req, res, actor }) {
      const slug = String(req.params.category).trim().toLowerCase();
      await reads.serve(req, res, actor, {
        key: `category ${slug}`,
        build: async () => {
          const found = await use(GetCategory).execute(slug);
          const body = presentCategory(found);
          return { body, shared: body, tags: () => ['categories', `category:${found.category.id}`], themeIds: [] };
        },
      });
    },
  });

  api.add(base, {
    method: 'post',
    path: '',
    tag: 'categories',
    summary: 'Create a category (moderators and admins)',
    description: 'The slug is derived from the name when absent.',
    auth: 'user',
    body: { schema: CreateCategoryInput, example: { name: 'Dark', description: 'Low-light themes' } },
    response: { status: 201, description: 'the new category', schema: CategorySchema, headers: { Location: 'the category' } },
    errors: ['unauthenticated', 'forbidden', 'malformed_request', 'validation_failed', 'slug_taken'],
    async handle({ res, actor, body }) {
      const category = await use(CreateCategory).execute(actor, body);
      res.status(201).location(links.api(`/categories/${category.slug}`)).json(presentCategory({ category, themeCount: 0 }));
    },
  });

  api.add(base, {
    method: 'patch',
    path: '/:category',
    tag: 'categories',
    summary: 'Change a category (moderators and admins)',
    auth: 'user',
    params: { category: 'the category’s id' },
    body: { schema: UpdateCategoryInput, example: { description: 'Themes for late nights' } },
    response: { status: 200, description: 'the changed category', schema: CategorySchema },
    errors: ['unauthenticated', 'forbidden', 'not_found', 'malformed_request', 'validation_failed', 'slug_taken'],
    async handle({ req, res, actor, body }) {
      const category = await use(UpdateCategory).execute(actor, String(req.params.category), body);
      res.json(presentCategory(await use(GetCategory).execute(category.slug)));
    },
  });

  api.add(base, {
    method: 'delete',
    path: '/:category',
    tag: 'categories',
    summary: 'Delete a category no theme uses (moderators and admins)',
    auth: 'user',
    params: { category: 'the category’s id' },
    response: { status: 204, description: 'deleted' },
    errors: ['unauthenticated', 'forbidden', 'not_found', 'category_in_use'],
    async handle({ req, res, actor }) {
      await use(DeleteCategory).execute(actor, String(req.params.category));
      res.status(204).end();
    },
  });
}
