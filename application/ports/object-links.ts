/** Short-lived URLs through which clients fetch stored objects from the store itself. */
export interface ObjectLinks {
  /** A URL that serves `key` (GET, HEAD, ranges) for `expiresInSeconds`, with these response headers. */
  signedGet(key: string, options: { expiresInSeconds: number; contentType: string; cacheControl: string }): Promise<string>;
}
