import type { Upload } from '../media/upload.ts';

/** An upload kept where it can be read again as often as needed; `dispose` removes it. */
export type StagedUpload = Upload & { dispose(): Promise<void> };

/**
 * Where the bytes of an upload wait while the use-cases read them (decoding needs them more than
 * once, and never whole in memory): they are checked by an UploadCheck as they arrive, so a
 * refusal (over `maxBytes`, not an image by its first bytes) stops reading at once and keeps nothing.
 */
export interface UploadStaging {
  stage(source: AsyncIterable<Uint8Array>, maxBytes: number, signal?: AbortSignal): Promise<StagedUpload>;
}
