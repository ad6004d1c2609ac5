import bcrypt from 'bcrypt';
import type { PasswordHasher } from '../../application/ports/password-hasher.ts';
import { fitsPasswordLimit } from '../../domain/users/account-rules.ts';

/** bcrypt through its async API: the work runs on libuv's pool, never blocking a request. */
export class BcryptPasswordHasher implements PasswordHasher {
  private readonly dummyHash: Promise<string>;

  constructor(private readonly cost: number) {
    // Same cost as real hashes, so a dummy compare takes as long as a real one.
    this.dummyHash = bcrypt.hash('dummy password for unknown accounts', cost);
  }

  async hash(password: string): Promise<string> {
    // The input schemas refuse such a password first; this keeps a truncated hash from ever being made.
    if (!fitsPasswordLimit(password)) throw new RangeError('a password over the length limit cannot be hashed');
    return bcrypt.hash(password, this.cost);
  }

  async verify(password: string, hash: string): Promise<boolean> {
    // bcrypt would compare only the first 72 bytes: a longer password never matches, in the same time.
    if (!fitsPasswordLimit(password)) return this.verifyDummy(password).then(() => false);
    return bcrypt.compare(password, hash);
  }

  async verifyDummy(password: string): Promise<void> {
    await bcrypt.compare(password, await this.dummyHash);
  }
}
