export interface PasswordHasher {
  /** Refuses a password over the length limit (account-rules.ts) rather than hashing part of it. */
  hash(password: string): Promise<string>;
  /** True only for the very password: one over the length limit never matches, whatever its first bytes. */
  verify(password: string, hash: string): Promise<boolean>;
  /** Spends the time of a real verify, for logins of unknown accounts, so timing reveals nothing. */
  verifyDummy(password: string): Promise<void>;
}
