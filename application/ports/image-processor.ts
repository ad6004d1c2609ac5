import type { Pixels } from '../../domain/color/extraction.ts';
import type { Upload } from '../media/upload.ts';

export type Dimensions = { width: number; height: number };
export type Thumbnail = { bytes: Uint8Array; sha256: string };

export interface ImageProcessor {
  /** Reads the header with a real decoder. Throws UnsupportedMediaType unless it is an image of `upload.contentType`. */
  inspect(upload: Upload): Promise<Dimensions>;
  /** A WebP at most `max`×`max`, aspect kept, metadata stripped. Decodes the whole image. */
  thumbnail(upload: Upload, max: number): Promise<Thumbnail>;
  /**
   * The image decoded into a copy that fits inside `max`×`max` (aspect kept, orientation applied, never enlarged):
   * 8-bit RGBA pixels, for the colour maths. Throws UnsupportedMediaType when the body does not decode.
   */
  samplePixels(upload: Upload, max: number): Promise<Pixels>;
  /** An SVG document rasterised as a PNG `width` pixels wide (the height follows its aspect). */
  renderPng(svg: string, width: number): Promise<Uint8Array>;
}
