export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** Spends the time of a real verify, for logins of unknown accounts, so timing reveals nothing. */
  verifyDummy(password: string): Promise<void>;
}
