import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Accounts } from './0001-accounts.ts';
import { Migration0002Catalogue } from './0002-catalogue.ts';
import { Migration0003Images } from './0003-images.ts';
import { Migration0004RateLimits } from './0004-rate-limits.ts';
import { Migration0005UploadTickets } from './0005-upload-tickets.ts';
import { Migration0006Accounts } from './0006-accounts.ts';
import { Migration0007PaletteIntelligence } from './0007-palette-intelligence.ts';
import { Migration0008Events } from './0008-events.ts';
import { Migration0009SessionGeneration } from './0009-session-generation.ts';
import { Migration0010PaletteFilters } from './0010-palette-filters.ts';
import { Migration0011RefreshTokenExpiry } from './0011-refresh-token-expiry.ts';
import { Migration0012Notifications } from './0012-notifications.ts';

/** Every migration, in order. Committed, never generated at run time. */
export const migrations: MigrationObject[] = [
  { name: '0001-accounts', class: Migration0001Accounts },
  { name: '0002-catalogue', class: Migration0002Catalogue },
  { name: '0003-images', class: Migration0003Images },
  { name: '0004-rate-limits', class: Migration0004RateLimits },
  { name: '0005-upload-tickets', class: Migration0005UploadTickets },
  { name: '0006-accounts', class: Migration0006Accounts },
  { name: '0007-palette-intelligence', class: Migration0007PaletteIntelligence },
  { name: '0008-events', class: Migration0008Events },
  { name: '0009-session-generation', class: Migration0009SessionGeneration },
  { name: '0010-palette-filters', class: Migration0010PaletteFilters },
  { name: '0011-refresh-token-expiry', class: Migration0011RefreshTokenExpiry },
  { name: '0012-notifications', class: Migration0012Notifications },
];
