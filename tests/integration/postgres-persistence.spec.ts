import { MikroOrmAuditLog } from '../../adapters/persistence/mikro-orm/audit-log.ts';
import { migrate, openOrm, requestScope } from '../../adapters/persistence/mikro-orm/orm.ts';
import { MikroOrmRefreshTokenRepo } from '../../adapters/persistence/mikro-orm/refresh-token-repo.ts';
import { MikroOrmTransaction } from '../../adapters/persistence/mikro-orm/transaction.ts';
import { MikroOrmUserRepo } from '../../adapters/persistence/mikro-orm/user-repo.ts';
import { MikroOrmCategoryRepo } from '../../adapters/persistence/mikro-orm/category-repo.ts';
import { MikroOrmThemeRepo } from '../../adapters/persistence/mikro-orm/theme-repo.ts';
import { MikroOrmFavoriteRepo } from '../../adapters/persistence/mikro-orm/favorite-repo.ts';
import { MikroOrmUploadTicketRepo } from '../../adapters/persistence/mikro-orm/upload-ticket-repo.ts';
import type { MakeKit } from '../contract/persistence-kit.ts';
import { uploadTicketRepoContract } from '../contract/upload-ticket-repo.contract.ts';
import { refreshTokenRepoContract } from '../contract/refresh-token-repo.contract.ts';
import { userRepoContract } from '../contract/user-repo.contract.ts';
import { catalogueContract } from '../contract/catalogue.contract.ts';
import { freshDatabaseUrl } from '../support/services.ts';

/** Each test gets an empty, migrated database on the shared test PostgreSQL. */
export const postgresKit: MakeKit = async () => {
  const orm = await openOrm(await freshDatabaseUrl(), { poolMax: 4 });
  await migrate(orm);
  return {
    users: new MikroOrmUserRepo(orm),
    refreshTokens: new MikroOrmRefreshTokenRepo(orm),
    audit: new MikroOrmAuditLog(orm),
    categories: new MikroOrmCategoryRepo(orm),
    themes: new MikroOrmThemeRepo(orm),
    favorites: new MikroOrmFavoriteRepo(orm),
    uploadTickets: new MikroOrmUploadTicketRepo(orm),
    tx: new MikroOrmTransaction(orm),
    scope: requestScope(orm),
    close: () => orm.close(),
  };
};

userRepoContract('PostgreSQL', postgresKit);
refreshTokenRepoContract('PostgreSQL', postgresKit);
catalogueContract('PostgreSQL', postgresKit);
uploadTicketRepoContract('PostgreSQL', postgresKit);
