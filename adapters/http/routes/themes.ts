import { CreateTheme, CreateThemeInput } from '../../../application/themes/create-theme.ts';
import { DeleteTheme } from '../../../application/themes/delete-theme.ts';
import { ExportTheme, ExportThemeInput } from '../../../application/themes/export-theme.ts';
import { FavoriteTheme } from '../../../application/themes/favorite-theme.ts';
import { GetTheme } from '../../../application/themes/get-theme.ts';
import { ListFavorites, ListFavoritesInput } from '../../../application/themes/list-favorites.ts';
import { SearchThemes, SearchThemesInput } from '../../../application/themes/search-themes.ts';
import { UnfavoriteTheme } from '../../../application/themes/unfavorite-theme.ts';
import { UpdateTheme, UpdateThemeInput } from '../../../application/themes/update-theme.ts';
import type { Api } from '../api.ts';
import type { HttpContext } from '../http-context.ts';
import { presentTheme, presentThemePage } from '../presenters.ts';
import { ThemePageSchema, ThemeSchema } from '../schemas.ts';

const example = {
  name: 'Ocean Breeze',
  description: 'Cool blues for calm evenings',
  colors: [
    { name: 'Deep', hex: '#0b3d91', role: 'primary' },
    { name: 'Foam', hex: '#e0f7fa', role: 'background' },
  ],
  tags: ['blue', 'calm'],
  status: 'published',
};

/** `If-Match: "3"` → 3; `*` or absent → no precondition; anything else matches no version (versions start at 1). */
function expectedVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  return match ? Number(match[1]) : 0;
}

export function themeRoutes(api: Api, { use, links }: HttpContext): void {
  const base = '/api/v1/themes';
  api.add(base, {
    method: 'get',
    path: '',
    tag: 'themes',
    summary: 'Search published themes by words, category, tag, owner and colour',
    description: 'All filters combine. `owner=me` (with a token) lists the caller’s drafts too. Keyset-paginated: pass `nextCursor` back as `cursor`.',
    auth: 'optional',
    query: SearchThemesInput,
    response: { status: 200, description: 'a page of themes', schema: ThemePageSchema },
    errors: ['unauthenticated', 'validation_failed', 'invalid_cursor'],
    async handle({ req, res, actor }) {
      res.json(presentThemePage(await use(SearchThemes).execute(actor, req.query), links));
    },
  });

  api.add(base, {
    method: 'post',
    path: '',
    tag: 'themes',
    summary: 'Create a theme (a draft unless `status` says published)',
    auth: 'user',
    body: { schema: CreateThemeInput, example },
    response: { status: 201, description: 'the new theme', schema: ThemeSchema, headers: { Location: 'the theme', ETag: 'its version' } },
    errors: ['unauthenticated', 'forbidden', 'malformed_request', 'validation_failed'],
    async handle({ res, actor, body }) {
      const view = await use(CreateTheme).execute(actor, body);
      res.status(201).location(links.api(`/themes/${view.theme.id}`)).set('ETag', `"${view.theme.version}"`).json(presentTheme(view, links));
    },
  });

  api.add(base, {
    method: 'get',
    path: '/:idOrSlug',
    tag: 'themes',
    summary: 'One theme by id or slug',
    description: 'A draft is visible only to its owner, moderators and admins; everyone else gets 404.',
    auth: 'optional',
    params: { idOrSlug: 'the theme id or slug' },
    response: { status: 200, description: 'the theme', schema: ThemeSchema, headers: { ETag: '"<version>"' } },
    errors: ['unauthenticated', 'not_found'],
    async handle({ req, res, actor }) {
      const view = await use(GetTheme).execute(actor, String(req.params.idOrSlug));
      res.set('ETag', `"${view.theme.version}"`).json(presentTheme(view, links));
    },
  });

  api.add(base, {
    method: 'patch',
    path: '/:id',
    tag: 'themes',
    summary: 'Change a theme (owner, moderator, admin)',
    description: 'With `If-Match: "<version>"`, a stale version answers 412 and changes nothing.',
    auth: 'user',
    params: { id: 'the theme id' },
    body: { schema: UpdateThemeInput, example: { status: 'published', tags: ['blue'] } },
    response: { status: 200, description: 'the changed theme', schema: ThemeSchema, headers: { ETag: '"<version>"' } },
    errors: ['unauthenticated', 'forbidden', 'not_found', 'malformed_request', 'validation_failed', 'precondition_failed'],
    async handle({ req, res, actor, body }) {
      const view = await use(UpdateTheme).execute(actor, String(req.params.id), body, expectedVersion(req.get('if-match')));
      res.set('ETag', `"${view.theme.version}"`).json(presentTheme(view, links));
    },
  });

  api.add(base, {
    method: 'delete',
    path: '/:id',
    tag: 'themes',
    summary: 'Delete a theme and its images (owner, moderator, admin)',
    auth: 'user',
    params: { id: 'the theme id' },
    response: { status: 204, description: 'deleted' },
    errors: ['unauthenticated', 'forbidden', 'not_found'],
    async handle({ req, res, actor }) {
      await use(DeleteTheme).execute(actor, String(req.params.id));
      res.status(204).end();
    },
  });

  api.add(base, {
    method: 'put',
    path: '/:id/favorite',
    tag: 'themes',
    summary: 'Favourite a theme (idempotent)',
    auth: 'user',
    params: { id: 'the theme id' },
    response: { status: 204, description: 'favourited' },
    errors: ['unauthenticated', 'not_found'],
    async handle({ req, res, actor }) {
      await use(FavoriteTheme).execute(actor, String(req.params.id));
      res.status(204).end();
    },
  });

  api.add(base, {
    method: 'delete',
    path: '/:id/favorite',
    tag: 'themes',
    summary: 'Remove a favourite (idempotent)',
    auth: 'user',
    params: { id: 'the theme id' },
    response: { status: 204, description: 'not a favourite any more' },
    errors: ['unauthenticated', 'not_found'],
    async handle({ req, res, actor }) {
      await use(UnfavoriteTheme).execute(actor, String(req.params.id));
      res.status(204).end();
    },
  });

  api.add(base, {
    method: 'get',
    path: '/:idOrSlug/export',
    tag: 'themes',
    summary: 'The palette as CSS custom properties or W3C design tokens',
    auth: 'optional',
    params: { idOrSlug: 'the theme id or slug' },
    query: ExportThemeInput,
    response: { status: 200, description: '`text/css` (`:root { --primary: #… }`) or `application/json` design tokens', contentType: 'text/css' },
    errors: ['unauthenticated', 'not_found', 'validation_failed'],
    async handle({ req, res, actor }) {
      const exported = await use(ExportTheme).execute(actor, String(req.params.idOrSlug), req.query);
      res
        .type(exported.format === 'css' ? 'text/css; charset=utf-8' : 'application/json; charset=utf-8')
        .set('Content-Disposition', `inline; filename="${exported.fileName}"`)
        .send(exported.body);
    },
  });

  api.add('/api/v1/users', {
    method: 'get',
    path: '/me/favorites',
    tag: 'users',
    summary: 'The caller’s favourite themes, most recently favourited first',
    auth: 'user',
    query: ListFavoritesInput,
    response: { status: 200, description: 'a page of themes', schema: ThemePageSchema },
    errors: ['unauthenticated', 'validation_failed', 'invalid_cursor'],
    async handle({ req, res, actor }) {
      res.json(presentThemePage(await use(ListFavorites).execute(actor, req.query), links));
    },
  });
}
