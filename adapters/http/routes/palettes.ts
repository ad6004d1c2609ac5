import { ExtractPalette, ExtractPaletteFields } from '../../../application/palettes/extract-palette.ts';
import { ThrottleExtraction } from '../../../application/palettes/throttle-extraction.ts';
import type { Api } from '../api.ts';
import type { HttpContext } from '../http-context.ts';
import { withUpload } from '../multipart.ts';
import { presentPaletteExtraction } from '../presenters.ts';
import { PaletteExtractionSchema, uploadForm } from '../schemas.ts';

export function paletteRoutes(api: Api, { use, maxUploadBytes, staging }: HttpContext): void {
  api.add('/api/v1/palettes', {
    method: 'post',
    path: '/extract',
    tag: 'palettes',
    summary: 'The main colours of an image, with their shares and suggested roles',
    description:
      'multipart/form-data with `file` (PNG, JPEG or WebP, decided from the bytes; the upload limits apply) and optionally `count` (5–8, default 6). ' +
      'The image is decoded at most 256 px on a side and clustered in OKLab; nothing is stored. Rate-limited per user (EXTRACT_RATE_LIMIT a minute).',
    auth: 'user',
    body: { schema: uploadForm(ExtractPaletteFields), type: 'multipart' },
    response: { status: 200, description: 'the swatches, largest share first', schema: PaletteExtractionSchema },
    errors: ['unauthenticated', 'malformed_request', 'validation_failed', 'payload_too_large', 'unsupported_media_type', 'too_many_attempts'],
    async handle({ req, res, actor }) {
      // Counted before the body is read: a client over its limit is not made to upload the image.
      await use(ThrottleExtraction).execute(actor);
      const swatches = await withUpload(req, staging, maxUploadBytes, ({ upload, fields }) => use(ExtractPalette).execute(actor, upload, fields));
      res.json(presentPaletteExtraction(swatches));
    },
  });
}
