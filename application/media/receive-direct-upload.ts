import { Forbidden, PayloadTooLarge, UploadExpired } from '../../domain/errors.ts';
import { UploadTicket } from '../../domain/images/upload-ticket.ts';
import type { Clock } from '../ports/clock.ts';
import type { UploadPermit, UploadSignatures } from '../ports/direct-uploads.ts';
import type { ObjectStore } from '../ports/object-store.ts';

/** An upload URL of the API's own, as a client presents it. */
export type SignedUpload = { ticketId: string; maxBytes: number; expiresAt: Date; signature: string };

/**
 * The API's stand-in for a presigned POST when the store has none (disk, memory): it takes the bytes
 * of a signed URL into the staging key as S3 would, with the same limits (the signed size, the expiry)
 * and the same indifference to what they are: the commit decides that.
 */
export class ReceiveDirectUpload {
  constructor(
    private readonly signatures: UploadSignatures,
    private readonly objects: ObjectStore,
    private readonly clock: Clock,
  ) {}

  async execute(signed: SignedUpload, body: AsyncIterable<Uint8Array>): Promise<void> {
    const permit: UploadPermit = { ticketId: signed.ticketId, key: UploadTicket.stagingKeyOf(signed.ticketId), maxBytes: signed.maxBytes, expiresAt: signed.expiresAt };
    if (!this.signatures.verify(permit, signed.signature)) throw new Forbidden('this upload URL is not valid: use the one the upload ticket gave');
    if (this.clock.now() >= signed.expiresAt) throw new UploadExpired();
    // Typed by nobody: what the bytes are is for the commit to find out.
    await this.objects.put(permit.key, atMost(body, signed.maxBytes), { contentType: 'application/octet-stream' });
  }
}

/** The bytes, until there are more than `maxBytes`: then the put fails and keeps nothing. */
async function* atMost(body: AsyncIterable<Uint8Array>, maxBytes: number): AsyncIterable<Uint8Array> {
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw new PayloadTooLarge(maxBytes);
    yield chunk;
  }
}
