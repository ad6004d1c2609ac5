import type { ByteRange, ObjectInfo, ObjectStore, StoredObject } from '../../application/ports/object-store.ts';
import { assertValidKey } from './object-keys.ts';

type Entry = { bytes: Buffer; contentType: string; version: number };

/** Keeps objects in a Map: for tests and the memory profile, where nothing persists anyway. */
export class MemoryObjectStore implements ObjectStore {
  private readonly objects = new Map<string, Entry>();
  private writes = 0;

  async put(key: string, body: AsyncIterable<Uint8Array>, meta: { contentType: string }): Promise<number> {
    assertValidKey(key);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk));
    const bytes = Buffer.concat(chunks);
    this.objects.set(key, { bytes, contentType: meta.contentType, version: ++this.writes });
    return bytes.length;
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    const entry = this.objects.get(key);
    if (!entry) return null;
    const bytes = range ? entry.bytes.subarray(range.start, range.end + 1) : entry.bytes;
    return { body: (async function* () { yield bytes; })(), size: bytes.length, contentType: entry.contentType, version: String(entry.version) };
  }

  async copy(from: string, to: string, meta: { contentType: string; version: string }): Promise<boolean> {
    assertValidKey(to);
    const entry = this.objects.get(from);
    if (!entry || String(entry.version) !== meta.version) return false;
    this.objects.set(to, { bytes: entry.bytes, contentType: meta.contentType, version: ++this.writes });
    return true;
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const entry = this.objects.get(key);
    return entry ? { size: entry.bytes.length, contentType: entry.contentType } : null;
  }

  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }

  async deleteMany(keys: string[]): Promise<void> {
    for (const key of keys) this.objects.delete(key);
  }

  /** A put here is one step: nothing is ever left unfinished. */
  async abortUnfinished(): Promise<number> {
    return 0;
  }

  async checkReady(): Promise<void> {}

  /** The keys held, for tests that prove nothing is left behind. */
  keys(): string[] {
    return [...this.objects.keys()];
  }
}
