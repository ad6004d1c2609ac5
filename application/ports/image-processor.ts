import type { Upload } from '../media/upload.ts';

export type Dimensions = { width: number; height: number };
export type Thumbnail = { bytes: Uint8Array; sha256: string };

export interface ImageProcessor {
  /** Reads the header with a real decoder. Throws UnsupportedMediaType unless it is an image of `upload.contentType`. */
  inspect(upload: Upload): Promise<Dimensions>;
  /** A WebP at most `max`×`max`, aspect kept, metadata stripped. Decodes the whole image. */
  thumbnail(upload: Upload, max: number): Promise<Thumbnail>;
}
