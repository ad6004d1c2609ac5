import type { RefreshToken } from '../../domain/users/refresh-token.ts';

export interface RefreshTokenRepo {
  add(token: RefreshToken): Promise<void>;
  findByHash(tokenHash: string): Promise<RefreshToken | null>;
  /** Marks the token spent if it was not yet; false when someone else spent or revoked it first. */
  markRotated(id: string, at: Date): Promise<boolean>;
  revokeFamily(familyId: string, at: Date): Promise<void>;
  revokeAllOfUser(userId: string, at: Date): Promise<void>;
}
