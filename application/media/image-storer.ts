import { Image, THUMBNAIL_MAX, type ImageKind } from '../../domain/images/image.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { ImageProcessor } from '../ports/image-processor.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type { ObjectJanitor } from './object-janitor.ts';
import { requireWithinPixelLimit } from './pixel-limit.ts';
import type { Upload } from './upload.ts';

export type ImageLimits = { maxPixels: number; maxImagesPerTheme: number };
export type ImageTarget = { themeId: string | null; ownerId: string; kind: ImageKind; alt: string };

/** How long a key scheduled before its upload waits, in case the upload's transaction never commits. */
const PENDING_UPLOAD_GRACE_SECONDS = 3600;

/**
 * The objects of an uploaded image, around the use-case's transaction, in an order that loses nothing:
 * 1. `prepare`: decode the header (pixel limit), make the thumbnail, schedule the new keys for
 *    deletion (committed on its own, so a crash after this leaves no orphan), write both objects;
 * 2. the use-case records the image in its transaction, which calls `keep` (cancels that deletion);
 * 3. after it: `dispose` deletes the objects of an image the transaction replaced, or `abandon`
 *    deletes the new objects when it failed.
 */
export class ImageStorer {
  constructor(
    private readonly processor: ImageProcessor,
    private readonly objects: ObjectStore,
    private readonly cleanup: ObjectCleanup,
    private readonly janitor: ObjectJanitor,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly limits: ImageLimits,
  ) {}

  async prepare(upload: Upload, target: ImageTarget): Promise<Image> {
    const { width, height } = await this.processor.inspect(upload);
    requireWithinPixelLimit({ width, height }, this.limits.maxPixels);
    const thumbnail = await this.processor.thumbnail(upload, THUMBNAIL_MAX);
    const image = Image.create({
      id: this.ids.next(),
      ...target,
      contentType: upload.contentType,
      size: upload.size,
      width,
      height,
      sha256: upload.sha256,
      thumbnailSize: thumbnail.bytes.length,
      thumbnailSha256: thumbnail.sha256,
      createdAt: this.clock.now(),
    });

    await this.cleanup.schedule(image.keys(), new Date(this.clock.now().getTime() + PENDING_UPLOAD_GRACE_SECONDS * 1000));
    try {
      await this.writeOriginal(image, upload);
      await this.objects.put(image.thumbnailKey, once(thumbnail.bytes), { contentType: 'image/webp', contentLength: thumbnail.bytes.length });
    } catch (error) {
      return this.abandon(image, error);
    }
    return image;
  }

  /** A copy within the store when it already holds these bytes unchanged; otherwise they are sent. */
  private async writeOriginal(image: Image, upload: Upload): Promise<void> {
    const { storedAs } = upload;
    if (storedAs && (await this.objects.copy(storedAs.key, image.objectKey, { contentType: image.contentType, version: storedAs.version }))) return;
    await this.objects.put(image.objectKey, upload.open(), { contentType: image.contentType, contentLength: upload.size });
  }

  /** In the transaction that records `image`: its objects stay. */
  keep(image: Image): Promise<void> {
    return this.cleanup.cancel(image.keys());
  }

  /** The transaction that was to record `image` failed: its objects go, and so does the error, on. */
  async abandon(image: Image, cause: unknown): Promise<never> {
    await this.janitor.purge(image.keys());
    throw cause;
  }

  /** After the transaction that replaced `image` (and scheduled its keys) committed: its objects go now. */
  async dispose(image: Image | null): Promise<void> {
    if (image) await this.janitor.purge(image.keys());
  }
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
