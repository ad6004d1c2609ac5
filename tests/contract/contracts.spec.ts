import { expect } from 'chai';
import { Container, type ContainerModule } from 'inversify';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { S3ObjectStore } from '../../adapters/storage/s3-object-store.ts';
import type { ObjectStore } from '../../application/ports/object-store.ts';
import type { Config } from '../../bootstrap/config.ts';
import * as adapterModules from '../../bootstrap/modules/adapters.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { MEMORY_ONLY, PROFILES, testRuntime, type Profile } from '../support/runtime.ts';
import { freshS3Settings, s3EnforcesConditions } from '../support/services.ts';
import { favoritesLookupContract, userAccessContract } from './access-caches.contract.ts';
import { auditLogContract } from './audit-log.contract.ts';
import { changeFeedContract, eventLogContract } from './change-feed.contract.ts';
import { categoryRepoContract } from './category-repo.contract.ts';
import { missingRuns } from './coverage.ts';
import { databaseHealthContract } from './database-health.contract.ts';
import { favoriteRepoContract } from './favorite-repo.contract.ts';
import { imageRepoContract } from './image-repo.contract.ts';
import { objectCleanupContract } from './object-cleanup.contract.ts';
import { objectStoreContract, type MakeStore } from './object-store.contract.ts';
import { loginHistoryContract } from './login-history.contract.ts';
import { loginThrottleContract } from './login-throttle.contract.ts';
import { notificationRepoContract } from './notification-repo.contract.ts';
import { kitOn } from './persistence-kit.ts';
import { rateLimiterContract } from './rate-limiter.contract.ts';
import { refreshTokenRepoContract } from './refresh-token-repo.contract.ts';
import { statisticsQueryContract } from './statistics-query.contract.ts';
import { similarPalettesContract } from './similar-palettes.contract.ts';
import { themeCatalogContract } from './theme-catalog.contract.ts';
import { themeRepoContract } from './theme-repo.contract.ts';
import { transactionContract } from './transaction.contract.ts';
import { uploadTicketRepoContract } from './upload-ticket-repo.contract.ts';
import { userRepoContract } from './user-repo.contract.ts';

/**
 * Every contract suite on every adapter of its port, then the check that none is missing. One file,
 * so that the check runs after every suite it judges.
 */

const PERSISTENCE_CONTRACTS = [
  userRepoContract,
  refreshTokenRepoContract,
  categoryRepoContract,
  themeRepoContract,
  themeCatalogContract,
  favoritesLookupContract,
  similarPalettesContract,
  favoriteRepoContract,
  imageRepoContract,
  objectCleanupContract,
  uploadTicketRepoContract,
  auditLogContract,
  eventLogContract,
  changeFeedContract,
  notificationRepoContract,
  userAccessContract,
  rateLimiterContract,
  loginThrottleContract,
  loginHistoryContract,
  statisticsQueryContract,
  transactionContract,
  databaseHealthContract,
];

for (const profile of PROFILES) for (const contract of PERSISTENCE_CONTRACTS) contract(profile.name, kitOn(profile));

/** Every kind of object store the configuration can choose (a new kind fails the type check until listed here). */
const OBJECT_STORES: Record<Config['objects']['kind'], { adapter: string; service: boolean; make: MakeStore }> = {
  memory: {
    adapter: 'memory',
    service: false,
    make: async () => {
      const runtime = await testRuntime();
      return { store: runtime.container.get<ObjectStore>(TYPES.ObjectStore), close: () => runtime.close() };
    },
  },
  filesystem: {
    adapter: 'filesystem',
    service: false,
    make: async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'themes-objects-'));
      return {
        store: adapterModules.filesystemObjectStore(root),
        close: async () => {
          // A failed or finished put leaves no temporary file behind.
          expect(await readdir(path.join(root, '.tmp')).catch(() => [])).to.deep.equal([]);
          await rm(root, { recursive: true, force: true });
        },
      };
    },
  },
  s3: {
    adapter: 'S3',
    service: true,
    make: async () => {
      const store = new S3ObjectStore(await freshS3Settings());
      await store.ensureBucket();
      return { store, close: async () => store.close(), ignoresCopyConditions: !(await s3EnforcesConditions()) };
    },
  },
};

for (const { adapter, service, make } of Object.values(OBJECT_STORES)) if (!service || !MEMORY_ONLY) objectStoreContract(adapter, make);

/** The profile whose contract runs hold each persistence module of bootstrap to its ports. */
const PROFILE_OF_MODULE: Record<string, Profile['name']> = {
  memoryPersistenceModule: 'memory',
  mikroOrmPersistenceModule: 'PostgreSQL',
};

describe('contract coverage: every port × adapter pair has a contract run', () => {
  before(function () {
    // The fast loop leaves PostgreSQL and S3 out on purpose.
    if (MEMORY_ONLY) this.skip();
  });

  it('covers every port each persistence module binds, on that module’s profile', () => {
    const modules = Object.entries(adapterModules).filter(([name]) => name.endsWith('PersistenceModule'));
    expect(modules.map(([name]) => name), 'a persistence module without a profile in PROFILE_OF_MODULE').to.have.members(Object.keys(PROFILE_OF_MODULE));
    for (const [name, makeModule] of modules) {
      // Bindings are made lazily: loading the module with no database only records which ports it binds.
      const container = new Container();
      container.load((makeModule as (arg?: never) => ContainerModule)());
      const ports = Object.values(TYPES).filter((token) => container.isBound(token));
      expect(ports.length, `${name} binds no port`).to.be.greaterThan(5);
      expect(missingRuns(ports.map((port) => ({ port, adapter: PROFILE_OF_MODULE[name]! }))), name).to.deep.equal([]);
    }
  });

  it('covers every kind of object store', () => {
    expect(missingRuns(Object.values(OBJECT_STORES).map(({ adapter }) => ({ port: TYPES.ObjectStore, adapter })))).to.deep.equal([]);
  });
});
