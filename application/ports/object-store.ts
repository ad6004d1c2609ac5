export type ByteRange = { start: number; end: number };
/** `version` names the exact bytes read: it changes whenever the key is written again. */
export type StoredObject = { body: AsyncIterable<Uint8Array>; size: number; contentType: string; version: string };
export type ObjectInfo = { size: number; contentType: string };

/**
 * Bytes under keys the server makes (`themes/<themeId>/<imageId>`), never from client file names.
 * Bodies are streamed: no adapter holds a whole object in memory.
 */
export interface ObjectStore {
  /** Stores the stream under `key`; resolves with the number of bytes written. A failed put leaves nothing under `key`. */
  put(key: string, body: AsyncIterable<Uint8Array>, meta: { contentType: string; contentLength?: number }): Promise<number>;
  /** The object (or the inclusive byte range of it), or null when there is none. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  head(key: string): Promise<ObjectInfo | null>;
  /**
   * Copies `from` to `to` within the store, no byte passing through this process, if `from` still
   * holds the bytes of `version`. False, and nothing written, when they changed or are gone.
   */
  copy(from: string, to: string, meta: { contentType: string; version: string }): Promise<boolean>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  deleteMany(keys: string[]): Promise<void>;
  /**
   * Removes the remains of puts that never finished (the process was killed mid-write) and that began
   * before `before`: partial files, unfinished multipart uploads. Resolves with how many went.
   */
  abortUnfinished(before: Date): Promise<number>;
  /** Throws when the store cannot be reached. */
  checkReady(): Promise<void>;
}
