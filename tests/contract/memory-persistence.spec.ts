import { InMemoryAuditLog } from '../../adapters/persistence/memory/audit-log.ts';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database.ts';
import { InMemoryRefreshTokenRepo } from '../../adapters/persistence/memory/refresh-token-repo.ts';
import { InMemoryUserRepo } from '../../adapters/persistence/memory/user-repo.ts';
import { InMemoryCategoryRepo } from '../../adapters/persistence/memory/category-repo.ts';
import { InMemoryThemeRepo } from '../../adapters/persistence/memory/theme-repo.ts';
import { InMemoryFavoriteRepo } from '../../adapters/persistence/memory/favorite-repo.ts';
import { InMemoryUploadTicketRepo } from '../../adapters/persistence/memory/upload-ticket-repo.ts';
import type { MakeKit } from './persistence-kit.ts';
import { uploadTicketRepoContract } from './upload-ticket-repo.contract.ts';
import { refreshTokenRepoContract } from './refresh-token-repo.contract.ts';
import { userRepoContract } from './user-repo.contract.ts';
import { catalogueContract } from './catalogue.contract.ts';

export const memoryKit: MakeKit = async () => {
  const db = new MemoryDatabase();
  return {
    users: new InMemoryUserRepo(db),
    refreshTokens: new InMemoryRefreshTokenRepo(db),
    audit: new InMemoryAuditLog(db),
    categories: new InMemoryCategoryRepo(db),
    themes: new InMemoryThemeRepo(db),
    favorites: new InMemoryFavoriteRepo(db),
    uploadTickets: new InMemoryUploadTicketRepo(db),
    tx: db,
    scope: (work) => work(),
    close: async () => {},
  };
};

userRepoContract('memory', memoryKit);
refreshTokenRepoContract('memory', memoryKit);
catalogueContract('memory', memoryKit);
uploadTicketRepoContract('memory', memoryKit);
