export interface Ids {
  /** A new random UUID. */
  next(): string;
}
