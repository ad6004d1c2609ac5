export interface DatabaseHealth {
  /** Throws when the database cannot be reached. */
  checkReady(): Promise<void>;
}
