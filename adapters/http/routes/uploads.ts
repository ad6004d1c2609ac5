import type { Request, Response } from 'express';
import { z } from 'zod';
import { CommitUpload } from '../../../application/media/commit-upload.ts';
import { ReceiveDirectUpload, type SignedUpload } from '../../../application/media/receive-direct-upload.ts';
import { RequestUpload, RequestUploadInput, type IssuedTicket } from '../../../application/media/request-upload.ts';
import type { Api } from '../api.ts';
import type { HttpContext } from '../http-context.ts';
import { receiveFile } from '../multipart.ts';
import { presentImage, presentUploadTicket } from '../presenters.ts';
import { HttpError } from '../problem.ts';
import { DirectUploadForm, ImageSchema, UploadTicketSchema } from '../schemas.ts';

const SignedUploadQuery = z.object({
  expires: z.coerce.number().int().meta({ description: 'when the URL stops working (Unix seconds)' }),
  max: z.coerce.number().int().min(1).meta({ description: 'the most bytes it takes' }),
  signature: z.string().min(1).max(128),
});

const TICKET_EXAMPLE = { kind: 'cover', alt: 'the palette on a dark editor', size: 482113, contentType: 'image/png' };

/**
 * Direct uploads: a ticket says where to send the file (the bucket, or the API's own signed URL),
 * and a commit turns what was sent into an image, decided by its bytes.
 */
export function uploadRoutes(api: Api, { use, links }: HttpContext): void {
  const ticketResponse = {
    status: 201,
    description: 'the ticket: send the file as `upload` says, then POST to `commitUrl`',
    schema: UploadTicketSchema,
    headers: { Location: 'the commit URL of the ticket' },
  };
  const answerTicket = (res: Response, issued: IssuedTicket) => {
    const ticket = presentUploadTicket(issued, links);
    res.status(201).location(ticket.commitUrl).json(ticket);
  };

  api.add('/api/v1/themes', {
    method: 'post',
    path: '/:idOrSlug/uploads',
    tag: 'images',
    summary: 'Ask to upload a cover or preview straight to storage (owner, moderator, admin)',
    description:
      'Checks what a multipart upload would (rights, MAX_UPLOAD_BYTES, MAX_IMAGES_PER_THEME) and answers a ticket that lasts UPLOAD_TICKET_TTL. `size` is the file’s exact size or more: the store refuses a larger file. `contentType` is declared; the bytes decide at commit.',
    auth: 'user',
    params: { idOrSlug: 'the theme id or slug' },
    body: { schema: RequestUploadInput, example: TICKET_EXAMPLE },
    response: ticketResponse,
    errors: ['unauthenticated', 'forbidden', 'not_found', 'malformed_request', 'validation_failed', 'payload_too_large', 'image_limit_reached'],
    async handle({ req, res, actor, body }) {
      answerTicket(res, await use(RequestUpload).execute(actor, { themeId: String(req.params.idOrSlug) }, body));
    },
  });

  api.add('/api/v1/users', {
    method: 'post',
    path: '/me/avatar/uploads',
    tag: 'users',
    summary: 'Ask to upload an avatar straight to storage',
    description: '`{ size, contentType }` (`kind`, if sent, is `avatar`). Committing the ticket replaces the caller’s avatar.',
    auth: 'user',
    body: { schema: RequestUploadInput, example: { size: 20480, contentType: 'image/webp' } },
    response: ticketResponse,
    errors: ['unauthenticated', 'malformed_request', 'validation_failed', 'payload_too_large'],
    async handle({ res, actor, body }) {
      answerTicket(res, await use(RequestUpload).execute(actor, 'avatar', body));
    },
  });

  api.add('/api/v1/uploads', {
    method: 'post',
    path: '/:ticketId/commit',
    tag: 'images',
    summary: 'Commit a direct upload: the server checks the bytes and records the image (the ticket’s holder)',
    description:
      'Reads the file from storage: not a PNG, JPEG or WebP by its bytes → 415, over the declared size → 413, over MAX_IMAGE_PIXELS → 422; each deletes the file. ' +
      'A replayed commit answers the same 201, image and Location again. Avatars: the image becomes the caller’s avatar.',
    auth: 'user',
    params: { ticketId: 'the ticket id' },
    response: { status: 201, description: 'the stored image (again, for a replayed commit)', schema: ImageSchema, headers: { Location: 'the image' } },
    errors: [
      'unauthenticated',
      'forbidden',
      'not_found',
      'upload_missing',
      'upload_expired',
      'payload_too_large',
      'unsupported_media_type',
      'validation_failed',
      'image_limit_reached',
    ],
    upload: 'stores',
    async handle({ req, res, actor }) {
      const image = await use(CommitUpload).execute(actor, String(req.params.ticketId));
      res.status(201).location(links.api(`/images/${image.id}`)).json(presentImage(image, links));
    },
  });

  const received = { status: 204, description: 'kept until the ticket is committed or expires' };
  const contentErrors = ['forbidden', 'upload_expired', 'payload_too_large', 'malformed_request'] as const;

  api.add('/api/v1/uploads', {
    method: 'post',
    path: '/:ticketId/content',
    tag: 'images',
    summary: 'Send the file of a ticket (the signed URL of the disk and memory stores)',
    description: 'The `upload.url` of a ticket, as the API’s stand-in for a presigned POST: the signature in the URL is the credential; no token is read.',
    auth: 'none',
    params: { ticketId: 'the ticket id' },
    query: SignedUploadQuery,
    body: { schema: DirectUploadForm, type: 'multipart' },
    response: received,
    errors: [...contentErrors, 'validation_failed'],
    upload: 'receives',
    async handle({ req, res }) {
      const signed = signedUploadOf(req);
      await receiveFile(
        req,
        (file) => use(ReceiveDirectUpload).execute(signed, file),
        async () => undefined,
      );
      res.status(204).end();
    },
  });

  api.add('/api/v1/uploads', {
    method: 'put',
    path: '/:ticketId/content',
    tag: 'images',
    summary: 'Send the file of a ticket as the raw body (the signed URL of the disk and memory stores)',
    description: 'The same URL as the POST form; the body is the file itself, of any Content-Type but JSON or a form.',
    auth: 'none',
    params: { ticketId: 'the ticket id' },
    query: SignedUploadQuery,
    body: { schema: z.string().meta({ format: 'binary' }), type: 'binary' },
    response: received,
    errors: [...contentErrors],
    upload: 'receives',
    async handle({ req, res }) {
      try {
        await use(ReceiveDirectUpload).execute(signedUploadOf(req), req);
      } catch (error) {
        // Refused midway: what the client still sends is drained and dropped.
        req.resume();
        throw error;
      }
      res.status(204).end();
    },
  });
}

function signedUploadOf(req: Request): SignedUpload {
  const query = SignedUploadQuery.safeParse(req.query);
  if (!query.success) throw new HttpError('forbidden', 'this upload URL is not valid: use the one the upload ticket gave');
  return { ticketId: String(req.params.ticketId), maxBytes: query.data.max, expiresAt: new Date(query.data.expires * 1000), signature: query.data.signature };
}
