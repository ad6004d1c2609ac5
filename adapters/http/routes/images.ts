import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { Actor } from '../../../application/actor.ts';
import { DeleteAvatar } from '../../../application/media/delete-avatar.ts';
import { DeleteImage } from '../../../application/media/delete-image.ts';
import { GetImage } from '../../../application/media/get-image.ts';
import { ListThemeImages } from '../../../application/media/list-theme-images.ts';
import { ReadImage } from '../../../application/media/read-image.ts';
import { UploadAvatar } from '../../../application/media/upload-avatar.ts';
import { UploadThemeImage, UploadThemeImageFields } from '../../../application/media/upload-theme-image.ts';
import type { Api } from '../api.ts';
import type { HttpContext } from '../http-context.ts';
import { withUpload } from '../multipart.ts';
import { presentImage, presentUploadedImage, presentUserPrivate } from '../presenters.ts';
import { HttpError } from '../problem.ts';
import { matchesEtag, parseRange } from '../ranges.ts';
import { IMAGE_TYPES } from '../../../domain/images/sniff.ts';
import { BinarySchema, ImageListSchema, ImageSchema, UploadedImageSchema, UserPrivateSchema, uploadForm } from '../schemas.ts';
import { z } from 'zod';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function imageRoutes(api: Api, context: HttpContext): void {
  const { use, links, reads, maxUploadBytes, staging } = context;

  api.add('/api/v1/themes', {
    method: 'post',
    path: '/:idOrSlug/images',
    tag: 'images',
    summary: 'Upload a cover or preview image (owner, moderator, admin)',
    description:
      'multipart/form-data with `file`, and optionally `kind` (`preview` or `cover`) and `alt`. The type is decided from the bytes. A new cover replaces the old one, and the answer suggests a palette from its colours (`suggestedColors`, as `POST /palettes/extract` finds them).',
    auth: 'user',
    params: { idOrSlug: 'the theme id or slug' },
    body: { schema: uploadForm(UploadThemeImageFields), type: 'multipart' },
    response: { status: 201, description: 'the stored image', schema: UploadedImageSchema, headers: { Location: 'the image' } },
    errors: [
      'unauthenticated',
      'forbidden',
      'not_found',
      'malformed_request',
      'validation_failed',
      'payload_too_large',
      'unsupported_media_type',
      'image_limit_reached',
    ],
    upload: 'stores',
    async handle({ req, res, actor }) {
      const uploaded = await withUpload(req, staging, maxUploadBytes, ({ upload, fields }) =>
        use(UploadThemeImage).execute(actor, String(req.params.idOrSlug), upload, fields),
      );
      res.status(201).location(links.api(`/images/${uploaded.image.id}`)).json(presentUploadedImage(uploaded, links));
    },
  });

  api.add('/api/v1/themes', {
    method: 'get',
    path: '/:idOrSlug/images',
    tag: 'images',
    summary: 'The images of a theme, oldest first',
    auth: 'optional',
    params: { idOrSlug: 'the theme id or slug' },
    response: { status: 200, description: 'the images', schema: ImageListSchema },
    errors: ['unauthenticated', 'not_found'],
    caching: 'revalidate',
    async handle({ req, res, actor }) {
      const images = await use(ListThemeImages).execute(actor, String(req.params.idOrSlug));
      reads.answer(req, res, { items: images.map((i) => presentImage(i, links)) });
    },
  });

  api.add('/api/v1/images', {
    method: 'get',
    path: '/:id',
    tag: 'images',
    summary: 'An image’s metadata',
    auth: 'optional',
    params: { id: 'the image id' },
    response: { status: 200, description: 'the image', schema: ImageSchema },
    errors: ['unauthenticated', 'not_found'],
    caching: 'revalidate',
    async handle({ req, res, actor }) {
      reads.answer(req, res, presentImage(await use(GetImage).execute(actor, String(req.params.id)), links));
    },
  });

  for (const variant of ['content', 'thumbnail'] as const)
    api.add('/api/v1/images', {
      method: 'get',
      path: `/:id/${variant}`,
      tag: 'images',
      summary: variant === 'content' ? 'The original bytes, as uploaded' : 'A WebP thumbnail, at most 480×480',
      description: 'Honours If-None-Match (304) and a single Range (206; 416 when unsatisfiable). HEAD answers the headers alone.',
      auth: 'optional',
      params: { id: 'the image id' },
      response: {
        status: 200,
        description: 'the bytes',
        media: Object.fromEntries((variant === 'content' ? IMAGE_TYPES : ['image/webp']).map((type) => [type, BinarySchema])),
        headers: {
          ETag: '"<sha256>"',
          'Cache-Control': '`public, max-age=31536000, immutable` for published themes and avatars; `private, no-cache` otherwise',
          'Accept-Ranges': 'bytes',
          'Content-Length': 'the size of the bytes sent',
          'Content-Disposition': 'inline',
        },
        conditional: true,
        ranges: true,
      },
      alternatives: [
        {
          status: 302,
          description:
            'with MEDIA_REDIRECT=presigned: to a presigned GET of the bytes in the bucket, valid MEDIA_REDIRECT_TTL (which honours Range). ' +
            'Sent after the same visibility check; If-None-Match is still answered 304 first.',
          schema: z.string().meta({ description: 'Express’s short note: `Found. Redirecting to <the URL>`' }),
          contentType: 'text/plain',
          headers: {
            Location: 'the presigned URL',
            ETag: '"<sha256>", as the bytes',
            'Cache-Control': '`public, max-age=<half of MEDIA_REDIRECT_TTL>` for published themes and avatars; `private, no-store` for drafts',
          },
        },
      ],
      errors: ['unauthenticated', 'not_found'],
      async handle({ req, res, actor }) {
        await serve(req, res, actor, String(req.params.id), variant === 'content' ? 'original' : 'thumbnail');
      },
    });

  api.add('/api/v1/images', {
    method: 'delete',
    path: '/:id',
    tag: 'images',
    summary: 'Delete an image and its stored objects (owner, moderator, admin)',
    auth: 'user',
    params: { id: 'the image id' },
    response: { status: 204, description: 'deleted' },
    errors: ['unauthenticated', 'forbidden', 'not_found'],
    async handle({ req, res, actor }) {
      await use(DeleteImage).execute(actor, String(req.params.id));
      res.status(204).end();
    },
  });

  api.add('/api/v1/users', {
    method: 'put',
    path: '/me/avatar',
    tag: 'users',
    summary: 'Set the caller’s avatar (multipart `file`)',
    auth: 'user',
    body: { schema: uploadForm(z.object({})), type: 'multipart' },
    response: { status: 200, description: 'the account with its new avatar', schema: UserPrivateSchema },
    errors: ['unauthenticated', 'malformed_request', 'validation_failed', 'payload_too_large', 'unsupported_media_type'],
    caching: 'no-store',
    upload: 'stores',
    async handle({ req, res, actor }) {
      const user = await withUpload(req, staging, maxUploadBytes, ({ upload }) => use(UploadAvatar).execute(actor, upload));
      res.json(presentUserPrivate(user, links));
    },
  });

  api.add('/api/v1/users', {
    method: 'delete',
    path: '/me/avatar',
    tag: 'users',
    summary: 'Remove the caller’s avatar',
    auth: 'user',
    response: { status: 204, description: 'removed' },
    errors: ['unauthenticated'],
    caching: 'no-store',
    async handle({ res, actor }) {
      await use(DeleteAvatar).execute(actor);
      res.status(204).end();
    },
  });

  /**
   * Streams an original or a thumbnail with validators, caching and ranges; or, when downloads are
   * offloaded, redirects to a short-lived URL of the store after the same visibility check.
   */
  async function serve(req: Request, res: Response, actor: Actor, id: string, variant: 'original' | 'thumbnail'): Promise<void> {
    const content = await use(ReadImage).execute(actor, id, variant);
    const { rendition } = content;
    const etag = `"${rendition.sha256}"`;
    const cacheControl = content.public ? IMMUTABLE : 'private, no-cache';
    res.set({ ETag: etag, 'Cache-Control': cacheControl });
    if (matchesEtag(req.get('if-none-match'), etag)) return void res.status(304).end();
    if (content.offload) {
      const { url, expiresInSeconds } = await content.offload(cacheControl);
      // A cached redirect still leads to a live URL; a draft's URL is not kept anywhere.
      res.set('Cache-Control', content.public ? `public, max-age=${Math.floor(expiresInSeconds / 2)}` : 'private, no-store');
      return void res.redirect(302, url);
    }
    res.set({ 'Accept-Ranges': 'bytes', 'Content-Type': rendition.contentType, 'Content-Disposition': 'inline' });
    const range = parseRange(req.get('range'), rendition.size);
    if (range === 'unsatisfiable')
      throw new HttpError('range_not_satisfiable', `the range is outside the ${rendition.size} bytes of this image`, { 'Content-Range': `bytes */${rendition.size}` });
    if (range) res.status(206).set('Content-Range', `bytes ${range.start}-${range.end}/${rendition.size}`);
    res.set('Content-Length', String(range ? range.end - range.start + 1 : rendition.size));
    if (req.method === 'HEAD') return void res.end();
    const body = await content.open(range);
    try {
      await pipeline(Readable.from(body), res);
    } catch (error) {
      // The client went away mid-stream: nothing to answer any more.
      if (!res.writableEnded && !req.destroyed) throw error;
    }
  }
}
