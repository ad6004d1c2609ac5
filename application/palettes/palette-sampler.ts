import { extractPalette, type Pixels, type Swatch } from '../../domain/color/extraction.ts';
import { ValidationFailed } from '../../domain/errors.ts';
import type { ImageLimits } from '../media/image-storer.ts';
import { requireWithinPixelLimit } from '../media/pixel-limit.ts';
import type { Upload } from '../media/upload.ts';
import type { ImageProcessor } from '../ports/image-processor.ts';

/**
 * The side of the copy the colours are read from: about 65,000 pixels, plenty for 5–8 clusters, and the decoder
 * can shrink JPEGs while decoding them.
 */
export const SAMPLE_SIDE = 256;

/** The main colours of an uploaded image, with suggested roles: a downsampled decode, clustered by the domain. */
export class PaletteSampler {
  constructor(
    private readonly processor: ImageProcessor,
    private readonly limits: Pick<ImageLimits, 'maxPixels'>,
  ) {}

  /** `count` swatches (the domain's default when absent); refuses an image without opaque pixels. */
  async swatches(upload: Upload, count?: number): Promise<Swatch[]> {
    return extractPalette(await this.sample(upload), count === undefined ? {} : { count });
  }

  /** The default number of swatches, or none for an image without opaque pixels (a valid cover, but no colours to read). */
  async suggestions(upload: Upload): Promise<Swatch[]> {
    const pixels = await this.sample(upload);
    try {
      return extractPalette(pixels);
    } catch (error) {
      if (error instanceof ValidationFailed) return [];
      throw error;
    }
  }

  private async sample(upload: Upload): Promise<Pixels> {
    requireWithinPixelLimit(await this.processor.inspect(upload), this.limits.maxPixels);
    return this.processor.samplePixels(upload, SAMPLE_SIDE);
  }
}
