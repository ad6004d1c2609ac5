import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DirectUploads, UploadDestination, UploadPermit, UploadSignatures } from '../../application/ports/direct-uploads.ts';

/**
 * Upload URLs of the API's own, for stores that cannot presign a POST (disk, memory): an HMAC-SHA256
 * over the ticket id, the key, the size limit and the expiry, keyed by a secret derived for uploads alone.
 */
export class HmacUploadSigner implements DirectUploads, UploadSignatures {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('themes-api upload key').digest();
  }

  async destination(permit: UploadPermit): Promise<UploadDestination> {
    return { via: 'api', signature: this.sign(permit) };
  }

  sign(permit: UploadPermit): string {
    return this.mac(permit).toString('base64url');
  }

  verify(permit: UploadPermit, signature: string): boolean {
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(permit);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(permit: UploadPermit): Buffer {
    const expires = Math.floor(permit.expiresAt.getTime() / 1000);
    return createHmac('sha256', this.key).update([permit.ticketId, permit.key, permit.maxBytes, expires].join('\n')).digest();
  }
}
