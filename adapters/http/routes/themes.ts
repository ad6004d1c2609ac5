import { CreateTheme, CreateThemeInput } from '../../../application/themes/create-theme.ts';
import { DeleteTheme } from '../../../application/themes/delete-theme.ts';
import { ExportTheme, ExportThemeInput } from '../../../application/themes/export-theme.ts';
import { FindSimilarThemes, FindSimilarThemesInput } from '../../../application/themes/find-similar-themes.ts';
import { GetThemeAccessibility } from '../../../application/themes/get-theme-accessibility.ts';
import { PreviewTheme, PreviewThemeInput } from '../../../application/themes/preview-theme.ts';
import { THEME_FILE_TYPES, type ThemeFile } from '../../../application/themes/theme-files.ts';
import { FavoriteTheme } from '../../../application/themes/favorite-theme.ts';
import { GetTheme } from '../../../application/themes/get-theme.ts';
import { ListFavorites, ListFavoritesInput } from '../../../application/themes/list-favorites.ts';
import { SearchThemes, SearchThemesInput } from '../../../application/themes/search-themes.ts';
import { UnfavoriteTheme } from '../../../application/themes/unfavorite-theme.ts';
import { UpdateTheme, UpdateThemeInput } from '../../../application/themes/update-theme.ts';
import { themeRef } from '../../../application/themes/theme-access.ts';
import type { Page } from '../../../application/pagination.ts';
import type { ThemeView } from '../../../application/ports/theme-catalog.ts';
import { z } from 'zod';
import type { Request, Response } from 'express';
import type { Api } from '../api.ts';
import type { BuiltBody } from '../cached-reads.ts';
import { answeredNotModified } from '../conditional.ts';
import type { HttpContext, Links } from '../http-context.ts';
import { presentAccessibility, presentSimilarThemes, presentTheme, presentThemePage } from '../presenters.ts';
import { AccessibilityReportSchema, BinarySchema, SimilarThemesSchema, ThemePageSchema, ThemeSchema, ThemeTokensSchema } from '../schemas.ts';

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

/** The schema of each media type the export answers with: JSON tokens, text, or bytes. */
const EXPORT_MEDIA = Object.fromEntries(
  Object.entries(THEME_FILE_TYPES).map(([format, { mediaType }]) => [
    mediaType.split(';')[0]!,
    format === 'json' ? ThemeTokensSchema : mediaType.includes('charset') ? z.string() : BinarySchema,
  ]),
);

/** A theme file with its validators: 304 when the client has this version; otherwise the bytes, named `<slug>.<ext>`. */
function sendThemeFile(req: Request, res: Response, themeFile: ThemeFile, disposition: 'attachment' | 'inline'): void {
  if (answeredNotModified(req, res, themeFile)) return;
  const { file } = themeFile;
  // Sent as bytes, so Express keeps the format's own charset (it would make every string utf-8).
  const bytes = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength);
  res.type(file.mediaType).set('Content-Disposition', `${disposition}; filename="${file.fileName}"`).send(bytes);
}

/**
 * `If-Match: "3"` (or the `"3-<digest>"` a read answered) → 3; `*` or absent → no precondition;
 * anything else matches no version (versions start at 1).
 */
function expectedVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})(?:-[\w-]+)?"\s*$/.exec(header);
  return match ? Number(match[1]) : 0;
}

/** What a body of themes shows, for eviction: each theme, its owner and its category. */
function tagsOf(views: ThemeView[]): string[] {
  return [...new Set(views.flatMap((v) => [`theme:${v.theme.id}`, `owner:${v.owner.id}`, ...(v.category ? [`category:${v.category.id}`] : [])]))];
}

function pageBody(page: Page<ThemeView>, links: Links, tags: string[]): BuiltBody {
  const body = presentThemePage(page, links);
  const flagged = page.items.some((v) => v.favorited);
  return {
    body,
    // Search pages hold published themes only: shared by every reader once the flags are cleared.
    shared: flagged ? { ...body, items: body.items.map((t) => ({ ...t, favorited: false })) } : body,
    tags: () => ['themes', ...tags, ...tagsOf(page.items)],
    themeIds: page.items.map((v) => v.theme.id),
  };
}

function themeBody(view: ThemeView, links: Links): BuiltBody {
  const body = presentTheme(view, links);
  return {
    body,
    // A draft is never shared: only its owner and moderators may see it.
    shared: view.theme.status !== 'published' ? null : view.favorited ? { ...body, favorited: false } : body,
    tags: () => tagsOf([view]),
    themeIds: [view.theme.id],
    etagPrefix: `${view.theme.version}-`,
  };
}

export function themeRoutes(api: Api, { use, links, reads }: HttpContext): void {
  const base = '/api/v1/themes';
  api.add(base, {
    method: 'get',
    path: '',
    tag: 'themes',
    summary: 'Search published themes by words, category, tag, owner, colour and palette',
    description:
      'All filters combine. `owner=me` (with a token) lists the caller’s drafts too. `accessible`, `cvdSafe` and `colors` read the accessibility summary and the palette size, stored with each palette. Keyset-paginated: pass `nextCursor` back as `cursor` with the same filters (under others it is `invalid_cursor`).',
    auth: 'optional',
    query: SearchThemesInput,
    response: { status: 200, description: 'a page of themes', schema: ThemePageSchema },
    errors: ['unauthenticated', 'validation_failed', 'invalid_cursor'],
    caching: 'revalidate',
    async handle({ req, res, actor }) {
      const searches = use(SearchThemes);
      const search = searches.prepare(actor, req.query);
      await reads.serve(req, res, actor, {
        key: search.shared ? `themes ${search.key}` : null,
        build: async () => {
          const page = await searches.run(actor, search);
          return pageBody(page, links, search.query.order === 'mostFavorited' ? ['sort:mostFavorited'] : []);
        },
      });
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
    response: {
      status: 200,
      description: 'the theme',
      schema: ThemeSchema,
      headers: { ETag: '`"<version>-<digest>"`: changes with anything the body shows (favourites, cover, owner’s name); If-Match compares its version' },
    },
    errors: ['unauthenticated', 'not_found'],
    caching: 'revalidate',
    async handle({ req, res, actor }) {
      const idOrSlug = String(req.params.idOrSlug);
      await reads.serve(req, res, actor, {
        key: `theme ${JSON.stringify(themeRef(idOrSlug))}`,
        build: async () => themeBody(await use(GetTheme).execute(actor, idOrSlug), links),
      });
    },
  });

  api.add(base, {
    method: 'patch',
    path: '/:idOrSlug',
    tag: 'themes',
    summary: 'Change a theme (owner, moderator, admin)',
    description: 'With `If-Match: "<version>"`, a stale version answers 412 and changes nothing.',
    auth: 'user',
    requestHeaders: { 'If-Match': '`"<version>"` (the ETag of the theme): a stale version answers 412 and changes nothing; `*` or absent: no precondition' },
    params: { idOrSlug: 'the theme id or slug' },
    body: { schema: UpdateThemeInput, example: { status: 'published', tags: ['blue'] } },
    response: { status: 200, description: 'the changed theme', schema: ThemeSchema, headers: { ETag: '"<version>"' } },
    errors: ['unauthenticated', 'forbidden', 'not_found', 'malformed_request', 'validation_failed', 'precondition_failed'],
    async handle({ req, res, actor, body }) {
      const view = await use(UpdateTheme).execute(actor, String(req.params.idOrSlug), body, expectedVersion(req.get('if-match')));
      res.set('ETag', `"${view.theme.version}"`).json(presentTheme(view, links));
    },
  });

  api.add(base, {
    method: 'delete',
    path: '/:idOrSlug',
    tag: 'themes',
    summary: 'Delete a theme and its images (owner, moderator, admin)',
    auth: 'user',
    params: { idOrSlug: 'the theme id or slug' },
    response: { status: 204, description: 'deleted' },
    errors: ['unauthenticated', 'forbidden', 'not_found'],
    async handle({ req, res, actor }) {
      await use(DeleteTheme).execute(actor, String(req.params.idOrSlug));
      res.status(204).end();
    },
  });

  api.add(base, {
    method: 'put',
    path: '/:idOrSlug/favorite',
    tag: 'themes',
    summary: 'Favourite a theme (idempotent)',
    auth: 'user',
    params: { idOrSlug: 'the theme id or slug' },
    response: { status: 204, description: 'favourited' },
    errors: ['unauthenticated', 'not_found'],
    async handle({ req, res, actor }) {
      await use(FavoriteTheme).execute(actor, String(req.params.idOrSlug));
      res.status(204).end();
    },
  });

  api.add(base, {
    method: 'delete',
    path: '/:idOrSlug/favorite',
    tag: 'themes',
    summary: 'Remove a favourite (idempotent)',
    auth: 'user',
    params: { idOrSlug: 'the theme id or slug' },
    response: { status: 204, description: 'not a favourite any more' },
    errors: ['unauthenticated', 'not_found'],
    async handle({ req, res, actor }) {
      await use(UnfavoriteTheme).execute(actor, String(req.params.idOrSlug));
      res.status(204).end();
    },
  });

  api.add(base, {
    method: 'get',
    path: '/:idOrSlug/export',
    tag: 'themes',
    summary: 'The palette as a file: CSS, design tokens, Tailwind, SCSS, GIMP, ASE, JASC, hex, or the swatch card',
    description:
      'Always a download: `Content-Disposition: attachment; filename="<slug>.<ext>"` (`.css`, `.tokens.json`, `.tailwind.css`, `.scss`, `.gpl`, `.ase`, `.pal`, `.hex`, `.svg`, `.png`). ETag by theme version; a current If-None-Match answers 304.',
    auth: 'optional',
    params: { idOrSlug: 'the theme id or slug' },
    query: ExportThemeInput,
    response: {
      status: 200,
      description: 'the file, in the media type of its format',
      media: EXPORT_MEDIA,
      headers: { ETag: '"<theme id>.<version>"', 'Content-Disposition': 'attachment; filename="<slug>.<ext>"', 'Cache-Control': 'no-cache (public for published themes)' },
      conditional: true,
    },
    errors: ['unauthenticated', 'not_found', 'validation_failed'],
    async handle({ req, res, actor }) {
      sendThemeFile(req, res, await use(ExportTheme).execute(actor, String(req.params.idOrSlug), req.query), 'attachment');
    },
  });

  for (const format of ['svg', 'png'] as const)
    api.add(base, {
      method: 'get',
      path: `/:idOrSlug/preview.${format}`,
      tag: 'themes',
      summary: `The theme’s swatch card as ${format.toUpperCase()}: each colour with its name, hex and role, and contrast badges for its role pairs`,
      description:
        (format === 'png' ? 'Rendered once per theme version and size, then served from memory. ' : '') +
        'A theme without an uploaded cover has this card as its `cover`. ETag by theme version; a current If-None-Match answers 304.',
      auth: 'optional',
      params: { idOrSlug: 'the theme id or slug' },
      query: PreviewThemeInput,
      response: {
        status: 200,
        description: 'the card',
        media: { [THEME_FILE_TYPES[format].mediaType.split(';')[0]!]: format === 'svg' ? z.string() : BinarySchema },
        headers: { ETag: '"<theme id>.<version>"', 'Content-Disposition': 'inline; filename="<slug>.<ext>"', 'Cache-Control': 'no-cache (public for published themes)' },
        conditional: true,
      },
      errors: ['unauthenticated', 'not_found', 'validation_failed'],
      async handle({ req, res, actor }) {
        sendThemeFile(req, res, await use(PreviewTheme).execute(actor, String(req.params.idOrSlug), format, req.query), 'inline');
      },
    });

  api.add(base, {
    method: 'get',
    path: '/:idOrSlug/accessibility',
    tag: 'themes',
    summary: 'Contrast of every colour pair, role pairs with fixes, and the palette as seen with colour-vision deficiencies',
    description:
      'WCAG 2.2 ratios graded AA/AAA for normal text, large text and UI components; for each role pair that falls short, the nearest colours (OKLCH lightness only) reaching AA and AAA; the palette under protanopia, deuteranopia and tritanopia (Machado et al. 2009) and the pairs that fall below CIEDE2000 10 there. ETag by theme version.',
    auth: 'optional',
    params: { idOrSlug: 'the theme id or slug' },
    response: {
      status: 200,
      description: 'the report',
      schema: AccessibilityReportSchema,
      headers: { ETag: '"<theme id>.<version>"', 'Cache-Control': 'no-cache (public for published themes)' },
      conditional: true,
    },
    errors: ['unauthenticated', 'not_found'],
    async handle({ req, res, actor }) {
      const found = await use(GetThemeAccessibility).execute(actor, String(req.params.idOrSlug));
      const { theme } = found;
      if (answeredNotModified(req, res, { themeId: theme.id, version: theme.version, published: theme.status === 'published' })) return;
      res.json(presentAccessibility(found));
    },
  });

  api.add(base, {
    method: 'get',
    path: '/:idOrSlug/similar',
    tag: 'themes',
    summary: 'Published themes with the closest palettes, nearest first',
    description:
      'Ranked by palette distance: each colour paired with its nearest colour of the other palette in OKLab, averaged both ways. The theme itself and drafts are never listed; the theme must be visible to the caller.',
    auth: 'optional',
    params: { idOrSlug: 'the theme id or slug' },
    query: FindSimilarThemesInput,
    response: { status: 200, description: 'the nearest published themes', schema: SimilarThemesSchema },
    errors: ['unauthenticated', 'not_found', 'validation_failed'],
    async handle({ req, res, actor }) {
      res.json(presentSimilarThemes(await use(FindSimilarThemes).execute(actor, String(req.params.idOrSlug), req.query), links));
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
    caching: 'no-store',
    async handle({ req, res, actor }) {
      res.json(presentThemePage(await use(ListFavorites).execute(actor, req.query), links));
    },
  });
}
