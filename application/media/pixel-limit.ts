import { TooManyPixels } from '../../domain/errors.ts';
import type { Dimensions } from '../ports/image-processor.ts';

/** Refuses an image larger than `maxPixels` (MAX_IMAGE_PIXELS) before anything decodes it: decoding is where bombs explode. */
export function requireWithinPixelLimit({ width, height }: Dimensions, maxPixels: number): void {
  if (width * height > maxPixels)
    throw new TooManyPixels(`the image has ${((width * height) / 1e6).toFixed(1)} megapixels; at most ${maxPixels / 1e6} are accepted`);
}
