import { LRUCache } from 'lru-cache';
import type { RenderedCache } from '../../application/ports/rendered-cache.ts';

/** Rendered bytes in this process, least recently used first out once they exceed `maxBytes` together. */
export class LruRenderedCache implements RenderedCache {
  private readonly entries: LRUCache<string, Uint8Array>;

  constructor(maxBytes: number) {
    this.entries = new LRUCache({ maxSize: maxBytes, sizeCalculation: (bytes) => Math.max(1, bytes.length) });
  }

  async get(key: string): Promise<Uint8Array | null> {
    return this.entries.get(key) ?? null;
  }

  async set(key: string, bytes: Uint8Array): Promise<void> {
    // An entry larger than the whole cache is not kept (lru-cache refuses it), and the next request renders again.
    this.entries.set(key, bytes);
  }

  /** Bytes held now, for tests and measurements. */
  get size(): number {
    return this.entries.calculatedSize;
  }
}
