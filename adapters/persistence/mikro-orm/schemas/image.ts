import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { ImageState } from '../../../../domain/images/image.ts';

/** Rows of images as plain state; the repository turns them into aggregates with Image.restore. */
export const ImageSchema = new EntitySchema<ImageState>({
  name: 'Image',
  tableName: 'images',
  properties: {
    id: { type: 'uuid', primary: true },
    themeId: { type: 'uuid', nullable: true },
    ownerId: { type: 'uuid' },
    kind: { type: 'string' },
    contentType: { type: 'string' },
    // bigint columns: read back as numbers (the pg driver hands out int8 as strings).
    size: { type: new BigIntType('number') },
    width: { type: 'integer' },
    height: { type: 'integer' },
    sha256: { type: 'string' },
    alt: { type: 'text' },
    objectKey: { type: 'string' },
    thumbnailKey: { type: 'string' },
    thumbnailSize: { type: new BigIntType('number') },
    thumbnailSha256: { type: 'string' },
    createdAt: { type: 'datetime' },
  },
});
