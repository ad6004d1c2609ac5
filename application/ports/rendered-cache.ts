/**
 * Bytes rendered from data that never changes under its key (a theme's id and version), so that a repeated request
 * costs a lookup instead of a render. Bounded: entries may vanish at any time, and a miss renders again.
 */
export interface RenderedCache {
  get(key: string): Promise<Uint8Array | null>;
  set(key: string, bytes: Uint8Array): Promise<void>;
}
