/** Seals pagination cursors so the server can tell the ones it issued: opaque, tamper-evident. */
export interface CursorSealer {
  seal(payload: string): string;
  /** The payload of a token this server sealed, or null for anything else. */
  open(token: string): string | null;
}
