import type { ImageType } from '../../domain/images/sniff.ts';

/**
 * An upload staged on local disk by the adapter that received it, with its size and sha256 computed
 * on the way in. Read it as often as needed; the stager removes it afterwards.
 */
export type StagedUpload = {
  path: string;
  size: number;
  sha256: string;
  open(): AsyncIterable<Uint8Array>;
};

export type Inspection = { contentType: ImageType; width: number; height: number };
export type Thumbnail = { bytes: Uint8Array; sha256: string };

export interface ImageProcessor {
  /** Decodes the header: the real type and size. Throws UnsupportedMediaType when it is not a PNG, JPEG or WebP. */
  inspect(upload: StagedUpload): Promise<Inspection>;
  /** A WebP at most `max`×`max`, aspect kept, metadata stripped. Decodes the whole image. */
  thumbnail(upload: StagedUpload, max: number): Promise<Thumbnail>;
}
