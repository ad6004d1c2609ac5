import { PayloadTooLarge, UnsupportedMediaType } from '../../domain/errors.ts';
import { SNIFF_BYTES, sniffImageType, type ImageType } from '../../domain/images/sniff.ts';

/**
 * The bytes of an image a client sent, as the use-cases see them: kept by whoever received them
 * (a staged file today), readable as often as needed. Their type was decided once, from the first
 * bytes, by an `UploadCheck` while they arrived; a decoder may only confirm it.
 */
export type Upload = {
  readonly contentType: ImageType;
  readonly size: number;
  readonly sha256: string;
  /** The bytes from the first one. */
  open(): AsyncIterable<Uint8Array>;
  /** Where the object store already keeps these very bytes (at that version), if it does: they need not be sent to it again. */
  readonly storedAs?: { key: string; version: string };
};

/**
 * The rules an upload meets while it arrives, so that a receiver stops reading at once: at most
 * `maxBytes`, and first bytes of a PNG, JPEG or WebP. Feed it every chunk, then ask for the type.
 */
export class UploadCheck {
  private size = 0;
  private head: Uint8Array = new Uint8Array(0);
  private type: ImageType | null = null;

  constructor(private readonly maxBytes: number) {}

  /** Throws PayloadTooLarge or UnsupportedMediaType as soon as the bytes so far break a rule. */
  accept(chunk: Uint8Array): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) throw new PayloadTooLarge(this.maxBytes);
    if (this.head.length >= SNIFF_BYTES) return;
    this.head = concat(this.head, chunk.subarray(0, SNIFF_BYTES - this.head.length));
    if (this.head.length === SNIFF_BYTES) this.type = this.sniff();
  }

  /** Once every byte was accepted: the image type. A file shorter than the magic numbers is no image. */
  contentType(): ImageType {
    return this.type ?? this.sniff();
  }

  private sniff(): ImageType {
    const type = sniffImageType(this.head);
    if (!type) throw new UnsupportedMediaType();
    return type;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
