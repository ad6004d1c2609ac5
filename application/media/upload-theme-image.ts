import { z } from 'zod';
import type { Swatch } from '../../domain/color/extraction.ts';
import { ALT_MAX, type Image } from '../../domain/images/image.ts';
import type { Actor } from '../actor.ts';
import type { PaletteSampler } from '../palettes/palette-sampler.ts';
import type { Transaction } from '../ports/transaction.ts';
import { parseInput, text } from '../validation.ts';
import type { ImageStorer } from './image-storer.ts';
import type { ThemeImages } from './theme-images.ts';
import type { Upload } from './upload.ts';

export const UploadThemeImageFields = z.strictObject({
  kind: z.enum(['cover', 'preview']).default('preview'),
  alt: text().trim().max(ALT_MAX).default(''),
});

/** The stored image; for a cover, also the palette suggested by its colours, so a client can build a theme from it. */
export type UploadedImage = { image: Image; suggestedColors: Swatch[] | null };

/** Adds an image to a theme; a new cover replaces the old one (its row and objects go) in the same step. */
export class UploadThemeImage {
  constructor(
    private readonly themeImages: ThemeImages,
    private readonly storer: ImageStorer,
    private readonly sampler: PaletteSampler,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, themeId: string, upload: Upload, rawFields: unknown): Promise<UploadedImage> {
    const fields = parseInput(UploadThemeImageFields, rawFields);
    const target = await this.themeImages.target(actor, themeId, fields);
    // Read before anything is stored: an image the sampler refuses is refused whole.
    const suggestedColors = fields.kind === 'cover' ? await this.sampler.suggestions(upload) : null;
    const image = await this.storer.prepare(upload, target);
    const replaced = await this.tx
      .run(async () => {
        const replaced = await this.themeImages.add(actor, image);
        await this.storer.keep(image);
        return replaced;
      })
      .catch((error: unknown) => this.storer.abandon(image, error));
    await this.storer.dispose(replaced);
    return { image, suggestedColors };
  }
}
