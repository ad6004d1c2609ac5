import { NotFound } from '../../domain/errors.ts';
import type { Rendition } from '../../domain/images/image.ts';
import type { Actor } from '../actor.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ObjectLinks } from '../ports/object-links.ts';
import type { ByteRange, ObjectStore } from '../ports/object-store.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { findVisibleImage } from './image-access.ts';

/** Downloads offloaded to the store (MEDIA_REDIRECT=presigned): signed URLs lasting `ttlSeconds`. */
export type MediaOffload = { links: ObjectLinks; ttlSeconds: number };

export type ImageContent = {
  rendition: Rendition;
  /** Published themes' images and avatars never change under their URL: cache them for good. */
  public: boolean;
  /** The bytes, or an inclusive range of them. */
  open(range?: ByteRange): Promise<AsyncIterable<Uint8Array>>;
  /**
   * When downloads are offloaded: a short-lived URL of the bytes in the store, which answers with
   * `cacheControl`, and how long it lasts. Null: serve the bytes from `open`.
   */
  offload: ((cacheControl: string) => Promise<{ url: string; expiresInSeconds: number }>) | null;
};

/** An original or a thumbnail, for whoever may see the image. */
export class ReadImage {
  constructor(
    private readonly images: ImageRepo,
    private readonly themes: ThemeRepo,
    private readonly store: ObjectStore,
    private readonly offload: MediaOffload | null,
  ) {}

  async execute(actor: Actor, id: string, variant: 'original' | 'thumbnail'): Promise<ImageContent> {
    const { image, theme } = await findVisibleImage(this.images, this.themes, actor, id);
    const rendition = variant === 'original' ? image.original() : image.thumbnail();
    const offload = this.offload;
    return {
      rendition,
      public: !theme || theme.status === 'published',
      open: async (range) => {
        const stored = await this.store.get(rendition.key, range);
        if (!stored) throw new NotFound('image content');
        return stored.body;
      },
      offload: offload
        ? async (cacheControl) => ({
            url: await offload.links.signedGet(rendition.key, { expiresInSeconds: offload.ttlSeconds, contentType: rendition.contentType, cacheControl }),
            expiresInSeconds: offload.ttlSeconds,
          })
        : null,
    };
  }
}
