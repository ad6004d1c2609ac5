import bcrypt from 'bcrypt';
import type { PasswordHasher } from '../../application/ports/password-hasher.ts';

/** bcrypt through its async API: the work runs on libuv's pool, never blocking a request. */
export class BcryptPasswordHasher implements PasswordHasher {
  private readonly dummyHash: Promise<string>;

  constructor(private readonly cost: number) {
    // Same cost as real hashes, so a dummy compare takes as long as a real one.
    this.dummyHash = bcrypt.hash('dummy password for unknown accounts', cost);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  async verifyDummy(password: string): Promise<void> {
    await bcrypt.compare(password, await this.dummyHash);
  }
}
