import type { ByteRange, ObjectStore } from '../../application/ports/object-store.ts';
import { MemoryObjectStore } from '../../adapters/storage/memory-object-store.ts';

type Method = 'put' | 'get' | 'delete' | 'deleteMany';

/** A MemoryObjectStore whose chosen method fails on chosen calls: fault injection for consistency tests. */
export class FaultyObjectStore extends MemoryObjectStore implements ObjectStore {
  private readonly calls: Record<Method, number> = { put: 0, get: 0, delete: 0, deleteMany: 0 };
  private readonly failing = new Map<Method, (call: number) => boolean>();

  /** Fail `method` on call number `n` (1-based), or on every call from `n` on with `onwards`. */
  failOn(method: Method, n: number, onwards = false): void {
    this.calls[method] = 0;
    this.failing.set(method, (call) => (onwards ? call >= n : call === n));
  }

  heal(): void {
    this.failing.clear();
  }

  private check(method: Method): void {
    this.calls[method] += 1;
    if (this.failing.get(method)?.(this.calls[method])) throw new Error(`injected ${method} failure`);
  }

  override async put(key: string, body: AsyncIterable<Uint8Array>, meta: { contentType: string }): Promise<number> {
    this.check('put');
    return super.put(key, body, meta);
  }

  override async get(key: string, range?: ByteRange) {
    this.check('get');
    return super.get(key, range);
  }

  override async delete(key: string): Promise<void> {
    this.check('delete');
    return super.delete(key);
  }

  override async deleteMany(keys: string[]): Promise<void> {
    this.check('deleteMany');
    return super.deleteMany(keys);
  }
}
