import { ValidationFailed } from '../../domain/errors.ts';
import { Image, THUMBNAIL_MAX, type ImageKind } from '../../domain/images/image.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { ImageProcessor, StagedUpload } from '../ports/image-processor.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { ObjectJanitor } from './object-janitor.ts';

export type ImageLimits = { maxPixels: number; maxImagesPerTheme: number };

/** How long a key scheduled before its upload waits, in case the upload's transaction never commits. */
const PENDING_UPLOAD_GRACE_SECONDS = 3600;

/**
 * Stores an upload as an image, in an order that loses nothing:
 * 1. decode the header (real type, pixel limit) and make the thumbnail;
 * 2. schedule the new keys for deletion (committed on its own), so a crash after step 3 leaves no orphan;
 * 3. write the original and the thumbnail under fresh keys;
 * 4. in one transaction, record the image (`record`) and cancel the scheduled deletion;
 * 5. delete what `record` replaced. If step 3 or 4 fails, the new objects are deleted.
 */
export class ImageStorer {
  constructor(
    private readonly processor: ImageProcessor,
    private readonly objects: ObjectStore,
    private readonly cleanup: ObjectCleanup,
    private readonly janitor: ObjectJanitor,
    private readonly tx: Transaction,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly limits: ImageLimits,
  ) {}

  async store(
    upload: StagedUpload,
    target: { themeId: string | null; ownerId: string; kind: ImageKind; alt: string },
    /** Records the image inside the transaction; returns keys of objects it replaced. */
    record: (image: Image) => Promise<string[]>,
  ): Promise<Image> {
    const inspection = await this.processor.inspect(upload);
    const pixels = inspection.width * inspection.height;
    if (pixels > this.limits.maxPixels)
      throw ValidationFailed.field('file', `the image has ${(pixels / 1e6).toFixed(1)} megapixels; at most ${this.limits.maxPixels / 1e6} are accepted`);
    const thumbnail = await this.processor.thumbnail(upload, THUMBNAIL_MAX);

    const image = Image.create({
      id: this.ids.next(),
      themeId: target.themeId,
      ownerId: target.ownerId,
      kind: target.kind,
      contentType: inspection.contentType,
      size: upload.size,
      width: inspection.width,
      height: inspection.height,
      sha256: upload.sha256,
      alt: target.alt,
      thumbnailSize: thumbnail.bytes.length,
      thumbnailSha256: thumbnail.sha256,
      createdAt: this.clock.now(),
    });

    await this.cleanup.schedule(image.keys(), new Date(this.clock.now().getTime() + PENDING_UPLOAD_GRACE_SECONDS * 1000));
    let replaced: string[];
    try {
      await this.objects.put(image.objectKey, upload.open(), { contentType: image.contentType, contentLength: upload.size });
      await this.objects.put(image.thumbnailKey, once(thumbnail.bytes), { contentType: 'image/webp', contentLength: thumbnail.bytes.length });
      replaced = await this.tx.run(async () => {
        const keys = await record(image);
        await this.cleanup.cancel(image.keys());
        return keys;
      });
    } catch (error) {
      await this.janitor.purge(image.keys());
      throw error;
    }
    await this.janitor.purge(replaced);
    return image;
  }
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
