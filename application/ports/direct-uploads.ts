/** What a client may send straight to the store: at most `maxBytes` under `key`, until `expiresAt`. */
export type UploadPermit = { ticketId: string; key: string; maxBytes: number; expiresAt: Date };

/**
 * Where the client sends the file: a presigned POST form to the bucket itself (`fields` first, the
 * file last), or the API's own route, which accepts it with this signature of the permit.
 */
export type UploadDestination = { via: 'store'; url: string; fields: Record<string, string> } | { via: 'api'; signature: string };

/** Lets a client send bytes without a use-case reading them on the way; the commit reads them after. */
export interface DirectUploads {
  /** `contentType` is the client's declaration: the store may insist on it, and on `image/…`. */
  destination(permit: UploadPermit, contentType: string): Promise<UploadDestination>;
}

/** The signatures of the API's own upload route: only permits this server granted verify. */
export interface UploadSignatures {
  sign(permit: UploadPermit): string;
  verify(permit: UploadPermit, signature: string): boolean;
}
