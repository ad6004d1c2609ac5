import { InMemoryAuditLog } from '../../adapters/persistence/memory/audit-log.ts';
import { MemoryDb } from '../../adapters/persistence/memory/memory-db.ts';
import { InMemoryRefreshTokenRepo } from '../../adapters/persistence/memory/refresh-token-repo.ts';
import { InMemoryUserRepo } from '../../adapters/persistence/memory/user-repo.ts';
import type { MakeKit } from './persistence-kit.ts';
import { refreshTokenRepoContract } from './refresh-token-repo.contract.ts';
import { userRepoContract } from './user-repo.contract.ts';

export const memoryKit: MakeKit = async () => {
  const db = new MemoryDb();
  return {
    users: new InMemoryUserRepo(db),
    refreshTokens: new InMemoryRefreshTokenRepo(db),
    audit: new InMemoryAuditLog(db),
    tx: db,
    scope: (work) => work(),
    close: async () => {},
  };
};

userRepoContract('memory', memoryKit);
refreshTokenRepoContract('memory', memoryKit);
