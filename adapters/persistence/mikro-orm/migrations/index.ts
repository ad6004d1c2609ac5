import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Accounts } from './0001-accounts.ts';

/** Every migration, in order. Committed, never generated at run time. */
export const migrations: MigrationObject[] = [{ name: '0001-accounts', class: Migration0001Accounts }];
