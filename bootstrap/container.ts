import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Container } from 'inversify';
import type { Logger } from 'pino';
import { PostgresChangeFeed } from '../adapters/persistence/mikro-orm/change-feed.ts';
import { StagingDirectory } from '../adapters/storage/staging-directory.ts';
import { analyze, openOrm, requestScope, type Orm } from '../adapters/persistence/mikro-orm/orm.ts';
import { S3ObjectStore } from '../adapters/storage/s3-object-store.ts';
import { PrometheusMetrics } from '../adapters/metrics/prometheus-metrics.ts';
import { watchPool } from '../adapters/persistence/mikro-orm/pool-watch.ts';
import type { ChangeFeed } from '../application/ports/change-feed.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { ObjectCleanup } from '../application/ports/object-cleanup.ts';
import type { ObjectStore } from '../application/ports/object-store.ts';
import type { Config } from './config.ts';
import { readyDatabase } from './database.ts';
import { outageLog, reasonOf, waitForDependency } from './dependencies.ts';
import type { PostgresUser } from './embedded-postgres.ts';
import { coreModule } from './modules/core.ts';
import { TYPES } from './tokens.ts';
import {
  countersModule,
  directTransferModule,
  filesystemObjectStore,
  imagesModule,
  memoryObjectStore,
  memoryPersistenceModule,
  objectStoreModule,
  mikroOrmPersistenceModule,
  securityModule,
} from './modules/adapters.ts';
import { ephemeralSecret, persistentSecret } from './secrets.ts';

export type Runtime = {
  container: Container;
  /** Wraps a unit of work (a request, a CLI command) so the ORM gives it one EntityManager. */
  scope: <T>(work: () => Promise<T>) => Promise<T>;
  /** Where this process stages uploads (the HTTP adapter and the seed CLI). */
  staging: StagingDirectory;
  /** Keys derived from the JWT secret, so every instance sharing JWT_SECRET agrees on them. */
  secrets: { csrf: string };
  /**
   * Every metric of this process, fed by the adapters and read at scrape time (the pool, the
   * backlog). Served only when configured (METRICS_TOKEN or METRICS_PORT).
   */
  metrics: PrometheusMetrics;
  /** After a bulk load (the seed CLI): gives the database planner fresh statistics. */
  refreshStatistics(): Promise<void>;
  close(): Promise<void>;
};

/**
 * The only place that knows which adapter serves which port. The profile follows the config:
 * memory (ADAPTERS=memory), embedded (no DATABASE_URL: PostgreSQL in DATA_DIR, objects on disk)
 * or external (DATABASE_URL, S3_ENDPOINT).
 */
export type Overrides = {
  clock?: Clock;
  objectStore?: ObjectStore;
  /**
   * For `seed --dry-run`, which writes nothing: the database is used as it is (no migration), and
   * nothing goes into DATA_DIR (uploads would be staged in the system's temp folder).
   */
  readOnly?: boolean;
  /** Who uses the embedded PostgreSQL: the server (alone on its DATA_DIR, and its owner) or a CLI (the default). */
  embeddedPostgresUser?: PostgresUser;
  /** Told of every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
};

export async function createRuntime(config: Config, logger: Logger, overrides: Overrides = {}): Promise<Runtime> {
  const container = new Container();
  const closers: (() => Promise<void>)[] = [];
  let orm: Orm | undefined;
  let staging: StagingDirectory;
  let secret: string;
  const onFeedError = (error: unknown, context: string) => logger.warn({ err: error }, context);
  const metrics = new PrometheusMetrics();
  if (config.metrics.kind === 'on') metrics.collectProcessMetrics();
  try {
    secret = config.jwt.secret ?? (config.database.kind === 'memory' ? ephemeralSecret() : await persistentSecret(config.dataDir, 'jwt-secret'));
    container.load(
      coreModule,
      countersModule(metrics),
      securityModule(
        {
          jwt: { ...config.jwt, secret },
          bcryptCost: config.bcryptCost,
          loginPolicy: config.login,
          refreshReuseGraceSeconds: config.refreshReuseGraceSeconds,
          loginHistoryDays: config.loginHistoryDays,
          notificationRetentionDays: config.notificationRetentionDays,
          authRateLimit: config.authRateLimit,
          extractRateLimit: config.extractRateLimit,
          eventRetentionSeconds: config.eventRetentionSeconds,
        },
        overrides.clock,
      ),
    );

    if (config.database.kind === 'memory') {
      container.load(memoryPersistenceModule(onFeedError));
    } else {
      const { url, applied, stop } = await readyDatabase(config, logger, {
        migrate: !overrides.readOnly,
        ...(overrides.embeddedPostgresUser ? { user: overrides.embeddedPostgresUser } : {}),
      });
      closers.unshift(stop);
      if (applied.length) logger.info({ migrations: applied }, 'database migrated');
      // Made (if missing) and migrated above; created again later it would be empty.
      orm = await openOrm(url, {
        timeouts: { connectMs: config.timeouts.databaseConnectMs, statementMs: config.timeouts.databaseStatementMs },
        onAvailability: outageLog(logger, 'database'),
        createMissingDatabase: false,
        ...(overrides.onQuery ? { onQuery: overrides.onQuery } : {}),
      });
      const opened = orm;
      closers.unshift(() => opened.close());
      // Only when served: the watch times every connection the pool lends.
      if (config.metrics.kind === 'on') {
        const pool = await watchPool(orm);
        pool.onAcquire(metrics.poolAcquired);
        metrics.watch({ pool: pool.state });
      }
      const feed = new PostgresChangeFeed(orm, url, { onError: onFeedError });
      closers.unshift(() => feed.stop());
      if (!overrides.readOnly) await feed.start();
      container.load(mikroOrmPersistenceModule(orm, feed));
    }

    container.load(imagesModule({ maxPixels: config.uploads.maxPixels, maxImagesPerTheme: config.uploads.maxImagesPerTheme }, config.previewCacheBytes));
    const store = overrides.objectStore ?? (await objectStoreFor(config, logger, overrides.clock));
    if (store instanceof S3ObjectStore) closers.unshift(async () => store.close());
    container.load(objectStoreModule(store));
    // Beside the data it will join; the memory profile keeps nothing in DATA_DIR, so it uses the system's temp folder.
    staging = await StagingDirectory.open(config.database.kind === 'memory' || overrides.readOnly ? os.tmpdir() : path.join(config.dataDir, 'staging'));
    const opened = staging;
    closers.unshift(() => opened.close());
    container.load(
      directTransferModule({
        store,
        staging,
        secret,
        uploads: { maxBytes: config.uploads.maxBytes, ticketTtlSeconds: config.uploads.ticketTtlSeconds },
        redirectTtlSeconds: config.mediaRedirect.kind === 'presigned' ? config.mediaRedirect.ttlSeconds : null,
      }),
    );
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }

  const cleanup = container.get<ObjectCleanup>(TYPES.ObjectCleanup);
  const clock = container.get<Clock>(TYPES.Clock);
  const feed = container.get<ChangeFeed>(TYPES.ChangeFeed);
  metrics.watch({ objectDeletionsDue: () => cleanup.countDue(clock.now()), changeFeedUpToDate: () => feed.upToDate() });
  const scope = orm ? requestScope(orm) : <T>(work: () => Promise<T>) => work();
  const database = orm;
  return {
    container,
    scope,
    staging,
    metrics,
    secrets: { csrf: createHmac('sha256', secret).update('themes-api web csrf tokens').digest('base64url') },
    refreshStatistics: async () => {
      if (database) await analyze(database);
    },
    close: async () => {
      for (const close of closers) await close();
    },
  };
}

async function objectStoreFor(config: Config, logger: Logger, clock: Clock | undefined): Promise<ObjectStore> {
  switch (config.objects.kind) {
    case 'memory':
      return memoryObjectStore();
    case 'filesystem':
      return filesystemObjectStore(path.join(config.dataDir, 'objects'));
    case 's3': {
      const settings = config.objects;
      const store = new S3ObjectStore(settings, { timeoutMs: config.timeouts.s3Ms, onAvailability: outageLog(logger, 'object store'), ...(clock ? { clock } : {}) });
      try {
        const setup = await waitForDependency(
          { variable: 'S3_ENDPOINT', service: `S3 at ${settings.endpoint}`, timeoutMs: config.timeouts.startupMs, logger },
          () => store.ensureBucket(),
          (error) => `refused bucket ${settings.bucket} (${reasonOf(error)}); check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and S3_BUCKET`,
        );
        if (setup.created && setup.stagingExpiry === 'set') logger.info({ bucket: settings.bucket }, 'bucket created, with a lifecycle rule expiring staging/');
        if (setup.created && setup.stagingExpiry === 'refused')
          logger.warn(
            { bucket: settings.bucket, reason: setup.reason },
            'bucket created; the store refused a lifecycle rule for staging/, so uncommitted direct uploads are deleted by the janitor alone',
          );
      } catch (error) {
        store.close();
        throw error;
      }
      return store;
    }
  }
}

/**
 * Waits for an external database that does not answer yet, then applies the migrations (unless
 * `migrate` is false: a dry run) on a connection of their own, without the statement timeout of
 * requests (an index on a large table may take minutes).
 */
