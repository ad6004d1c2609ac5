import { NotFound } from '../../domain/errors.ts';
import type { Rendition } from '../../domain/images/image.ts';
import type { Actor } from '../actor.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ByteRange, ObjectStore } from '../ports/object-store.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { findVisibleImage } from './image-access.ts';

export type ImageContent = {
  rendition: Rendition;
  /** Published themes' images and avatars never change under their URL: cache them for good. */
  public: boolean;
  /** The bytes, or an inclusive range of them. */
  open(range?: ByteRange): Promise<AsyncIterable<Uint8Array>>;
};

/** An original or a thumbnail, for whoever may see the image. */
export class ReadImage {
  constructor(
    private readonly images: ImageRepo,
    private readonly themes: ThemeRepo,
    private readonly store: ObjectStore,
  ) {}

  async execute(actor: Actor, id: string, variant: 'original' | 'thumbnail'): Promise<ImageContent> {
    const { image, theme } = await findVisibleImage(this.images, this.themes, actor, id);
    const rendition = variant === 'original' ? image.original() : image.thumbnail();
    return {
      rendition,
      public: !theme || theme.status === 'published',
      open: async (range) => {
        const stored = await this.store.get(rendition.key, range);
        if (!stored) throw new NotFound('image content');
        return stored.body;
      },
    };
  }
}
