import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { CursorSealer } from '../../application/ports/cursor-sealer.ts';

/** base64url(payload).HMAC-SHA256, keyed by a secret derived for cursors alone. */
export class HmacCursorSealer implements CursorSealer {
  /** A KeyObject, made once: a raw key would be turned into one at every seal and open. */
  private readonly key: KeyObject;

  constructor(secret: string) {
    this.key = createSecretKey(createHmac('sha256', secret).update('themes-api cursor key').digest());
  }

  seal(payload: string): string {
    const data = Buffer.from(payload, 'utf8').toString('base64url');
    return `${data}.${this.mac(data).toString('base64url')}`;
  }

  open(token: string): string | null {
    const [data, mac, extra] = token.split('.');
    if (!data || !mac || extra !== undefined) return null;
    const given = Buffer.from(mac, 'base64url');
    const expected = this.mac(data);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return Buffer.from(data, 'base64url').toString('utf8');
  }

  private mac(data: string): Buffer {
    return createHmac('sha256', this.key).update(data).digest();
  }
}
