import { Aggregate } from '../aggregate.ts';
import type { ImageType } from './sniff.ts';

export const IMAGE_KINDS = ['cover', 'preview', 'avatar'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

export const THUMBNAIL_MAX = 480;
export const ALT_MAX = 300;

/** A stored rendition: where its bytes are and what they are. */
export type Rendition = { key: string; contentType: string; size: number; sha256: string };

/** An image as repositories store it: plain data. */
export type ImageState = {
  id: string;
  themeId: string | null;
  ownerId: string;
  kind: ImageKind;
  contentType: ImageType;
  size: number;
  width: number;
  height: number;
  sha256: string;
  alt: string;
  objectKey: string;
  thumbnailKey: string;
  thumbnailSize: number;
  thumbnailSha256: string;
  createdAt: Date;
};

/**
 * An uploaded image: the original as uploaded and a WebP thumbnail beside it. Keys are made by the
 * server from ids, never from the client's file name. Immutable once recorded.
 */
export class Image extends Aggregate<ImageState>() {
  static keysFor(scope: { themeId: string | null; ownerId: string }, imageId: string): { original: string; thumbnail: string } {
    const base = scope.themeId ? `themes/${scope.themeId}/${imageId}` : `avatars/${scope.ownerId}/${imageId}`;
    return { original: `${base}/original`, thumbnail: `${base}/thumb.webp` };
  }

  static create(props: Omit<ImageState, 'objectKey' | 'thumbnailKey'>): Image {
    const keys = Image.keysFor(props, props.id);
    return new Image({ ...props, objectKey: keys.original, thumbnailKey: keys.thumbnail });
  }

  static restore(state: ImageState): Image {
    return new Image(state);
  }

  keys(): string[] {
    return [this.objectKey, this.thumbnailKey];
  }

  original(): Rendition {
    return { key: this.objectKey, contentType: this.contentType, size: this.size, sha256: this.sha256 };
  }

  thumbnail(): Rendition {
    return { key: this.thumbnailKey, contentType: 'image/webp', size: this.thumbnailSize, sha256: this.thumbnailSha256 };
  }
}
