import { ContainerModule } from 'inversify';
import { InMemoryAuditLog } from '../../adapters/persistence/memory/audit-log.ts';
import { InMemoryDatabaseHealth } from '../../adapters/persistence/memory/database-health.ts';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database.ts';
import { InMemoryRefreshTokenRepo } from '../../adapters/persistence/memory/refresh-token-repo.ts';
import { InMemoryUserRepo } from '../../adapters/persistence/memory/user-repo.ts';
import { InMemoryCategoryRepo } from '../../adapters/persistence/memory/category-repo.ts';
import { InMemoryThemeCatalog } from '../../adapters/persistence/memory/theme-catalog.ts';
import { InMemoryThemeRepo } from '../../adapters/persistence/memory/theme-repo.ts';
import { InMemoryFavoriteRepo } from '../../adapters/persistence/memory/favorite-repo.ts';
import { InMemorySimilarPalettes } from '../../adapters/persistence/memory/similar-palettes.ts';
import { MikroOrmSimilarPalettes } from '../../adapters/persistence/mikro-orm/similar-palettes.ts';
import { LruRenderedCache } from '../../adapters/images/lru-rendered-cache.ts';
import { MikroOrmCategoryRepo } from '../../adapters/persistence/mikro-orm/category-repo.ts';
import { PostgresThemeCatalog } from '../../adapters/persistence/mikro-orm/theme-catalog.ts';
import { MikroOrmThemeRepo } from '../../adapters/persistence/mikro-orm/theme-repo.ts';
import { MikroOrmFavoriteRepo } from '../../adapters/persistence/mikro-orm/favorite-repo.ts';
import { HmacCursorSealer } from '../../adapters/security/hmac-cursor-sealer.ts';
import { InMemoryImageRepo } from '../../adapters/persistence/memory/image-repo.ts';
import { InMemoryObjectCleanup } from '../../adapters/persistence/memory/object-cleanup.ts';
import { InMemoryRateLimiter } from '../../adapters/persistence/memory/rate-limiter.ts';
import { InMemoryUploadTicketRepo } from '../../adapters/persistence/memory/upload-ticket-repo.ts';
import { MikroOrmUploadTicketRepo } from '../../adapters/persistence/mikro-orm/upload-ticket-repo.ts';
import { HmacUploadSigner } from '../../adapters/security/hmac-upload-signer.ts';
import { S3ObjectStore } from '../../adapters/storage/s3-object-store.ts';
import type { MediaOffload } from '../../application/media/read-image.ts';
import type { DirectUploadSettings } from '../../application/media/request-upload.ts';
import type { UploadStaging } from '../../application/ports/upload-staging.ts';
import { PostgresRateLimiter } from '../../adapters/persistence/mikro-orm/rate-limiter.ts';
import { InMemoryLoginThrottle } from '../../adapters/persistence/memory/login-throttle.ts';
import { PostgresLoginThrottle } from '../../adapters/persistence/mikro-orm/login-throttle.ts';
import { InMemoryLoginHistory } from '../../adapters/persistence/memory/login-history.ts';
import { MikroOrmLoginHistory } from '../../adapters/persistence/mikro-orm/login-history.ts';
import { InMemoryStatistics } from '../../adapters/persistence/memory/statistics.ts';
import { PostgresStatistics } from '../../adapters/persistence/mikro-orm/statistics.ts';
import { MikroOrmImageRepo } from '../../adapters/persistence/mikro-orm/image-repo.ts';
import { MikroOrmObjectCleanup } from '../../adapters/persistence/mikro-orm/object-cleanup.ts';
import { SharpImageProcessor } from '../../adapters/images/sharp-image-processor.ts';
import type { ImageLimits } from '../../application/media/image-storer.ts';
import { MikroOrmAuditLog } from '../../adapters/persistence/mikro-orm/audit-log.ts';
import { PostgresEventLog } from '../../adapters/persistence/mikro-orm/event-log.ts';
import { InMemoryChangeFeed } from '../../adapters/persistence/memory/change-feed.ts';
import { InMemoryEventLog } from '../../adapters/persistence/memory/event-log.ts';
import { InMemoryNotificationRepo } from '../../adapters/persistence/memory/notification-repo.ts';
import { PostgresNotificationRepo } from '../../adapters/persistence/mikro-orm/notification-repo.ts';
import { InMemoryUserAccess } from '../../adapters/persistence/memory/user-access.ts';
import { PostgresUserAccess } from '../../adapters/persistence/mikro-orm/user-access.ts';
import { CachedUserAccess } from '../../adapters/persistence/user-access-cache.ts';
import { CachedFavorites } from '../../adapters/persistence/favorites-cache.ts';
import type { ChangeFeed } from '../../application/ports/change-feed.ts';
import { MikroOrmDatabaseHealth } from '../../adapters/persistence/mikro-orm/database-health.ts';
import type { Orm } from '../../adapters/persistence/mikro-orm/orm.ts';
import { MikroOrmRefreshTokenRepo } from '../../adapters/persistence/mikro-orm/refresh-token-repo.ts';
import { MikroOrmTransaction } from '../../adapters/persistence/mikro-orm/transaction.ts';
import { MikroOrmUserRepo } from '../../adapters/persistence/mikro-orm/user-repo.ts';
import { BcryptPasswordHasher } from '../../adapters/security/bcrypt-password-hasher.ts';
import { JwtTokenIssuer, type JwtSettings } from '../../adapters/security/jwt-token-issuer.ts';
import { FilesystemObjectStore } from '../../adapters/storage/filesystem-object-store.ts';
import { MemoryObjectStore } from '../../adapters/storage/memory-object-store.ts';
import { RandomIds } from '../../adapters/system/random-ids.ts';
import { SystemClock } from '../../adapters/system/system-clock.ts';
import type { Clock } from '../../application/ports/clock.ts';
import type { SignInCounter } from '../../application/ports/sign-in-counter.ts';
import type { ObjectStore } from '../../application/ports/object-store.ts';
import { TYPES as T } from '../tokens.ts';
import { binder } from '../wiring.ts';

/** Every persistence port served by one in-memory database: nothing persists. */
export function memoryPersistenceModule(onError: FeedErrorHandler = () => undefined, db = new MemoryDatabase()): ContainerModule {
  return new ContainerModule((options) => {
    const { value } = binder(options);
    value(T.Transaction, db);
    value(T.UserRepo, new InMemoryUserRepo(db));
    value(T.RefreshTokenRepo, new InMemoryRefreshTokenRepo(db));
    value(T.AuditLog, new InMemoryAuditLog(db));
    const feed = new InMemoryChangeFeed(db, onError);
    value(T.EventLog, new InMemoryEventLog(db));
    value(T.ChangeFeed, feed);
    value(T.NotificationRepo, new InMemoryNotificationRepo(db));
    value(T.UserAccess, new CachedUserAccess(new InMemoryUserAccess(db), feed));
    value(T.CategoryRepo, new InMemoryCategoryRepo(db));
    value(T.ThemeRepo, new InMemoryThemeRepo(db));
    value(T.SimilarPalettes, new InMemorySimilarPalettes(db));
    const catalog = new InMemoryThemeCatalog(db);
    value(T.ThemeCatalog, catalog);
    value(T.FavoritesLookup, new CachedFavorites(catalog, feed));
    value(T.FavoriteRepo, new InMemoryFavoriteRepo(db));
    value(T.ImageRepo, new InMemoryImageRepo(db));
    value(T.ObjectCleanup, new InMemoryObjectCleanup(db));
    value(T.UploadTicketRepo, new InMemoryUploadTicketRepo(db));
    value(T.RateLimiter, new InMemoryRateLimiter());
    value(T.LoginThrottle, new InMemoryLoginThrottle(db));
    value(T.LoginHistory, new InMemoryLoginHistory(db));
    value(T.StatisticsQuery, new InMemoryStatistics(db));
    value(T.DatabaseHealth, new InMemoryDatabaseHealth());
  });
}

/** Every persistence port served by PostgreSQL through MikroORM; the change feed listens on a connection of its own. */
export function mikroOrmPersistenceModule(orm: Orm, feed: ChangeFeed): ContainerModule {
  return new ContainerModule((options) => {
    const { value } = binder(options);
    value(T.Transaction, new MikroOrmTransaction(orm));
    value(T.UserRepo, new MikroOrmUserRepo(orm));
    value(T.RefreshTokenRepo, new MikroOrmRefreshTokenRepo(orm));
    value(T.AuditLog, new MikroOrmAuditLog(orm));
    value(T.EventLog, new PostgresEventLog(orm));
    value(T.ChangeFeed, feed);
    value(T.NotificationRepo, new PostgresNotificationRepo(orm));
    value(T.UserAccess, new CachedUserAccess(new PostgresUserAccess(orm), feed));
    value(T.CategoryRepo, new MikroOrmCategoryRepo(orm));
    value(T.ThemeRepo, new MikroOrmThemeRepo(orm));
    value(T.SimilarPalettes, new MikroOrmSimilarPalettes(orm));
    const catalog = new PostgresThemeCatalog(orm);
    value(T.ThemeCatalog, catalog);
    value(T.FavoritesLookup, new CachedFavorites(catalog, feed));
    value(T.FavoriteRepo, new MikroOrmFavoriteRepo(orm));
    value(T.ImageRepo, new MikroOrmImageRepo(orm));
    value(T.ObjectCleanup, new MikroOrmObjectCleanup(orm));
    value(T.UploadTicketRepo, new MikroOrmUploadTicketRepo(orm));
    // Shared by every instance on this database.
    value(T.RateLimiter, new PostgresRateLimiter(orm));
    value(T.LoginThrottle, new PostgresLoginThrottle(orm));
    value(T.LoginHistory, new MikroOrmLoginHistory(orm));
    value(T.StatisticsQuery, new PostgresStatistics(orm));
    value(T.DatabaseHealth, new MikroOrmDatabaseHealth(orm));
  });
}

export function objectStoreModule(store: ObjectStore): ContainerModule {
  return new ContainerModule((options) => binder(options).value(T.ObjectStore, store));
}

export type DirectTransferSettings = {
  store: ObjectStore;
  staging: UploadStaging;
  /** Keys the API's own upload signatures (HMAC); a key for them alone is derived from it. */
  secret: string;
  uploads: DirectUploadSettings;
  /** Seconds a presigned GET lasts when downloads are redirected to the store (MEDIA_REDIRECT=presigned); null: they are not. */
  redirectTtlSeconds: number | null;
};

/**
 * Bytes that skip the use-cases: with S3, clients upload to the bucket by presigned POST and may
 * download by presigned GET; other stores get the API's own HMAC-signed upload URL.
 */
export function directTransferModule(settings: DirectTransferSettings): ContainerModule {
  const { store, redirectTtlSeconds } = settings;
  const signer = new HmacUploadSigner(settings.secret);
  if (redirectTtlSeconds !== null && !(store instanceof S3ObjectStore)) throw new Error('MEDIA_REDIRECT=presigned needs the S3 object store');
  return new ContainerModule((options) => {
    const { value } = binder(options);
    value(T.UploadStaging, settings.staging);
    value(T.UploadSignatures, signer);
    value(T.DirectUploads, store instanceof S3ObjectStore ? store : signer);
    value(T.DirectUploadSettings, settings.uploads);
    const offload: MediaOffload | null = redirectTtlSeconds !== null && store instanceof S3ObjectStore ? { links: store, ttlSeconds: redirectTtlSeconds } : null;
    value(T.MediaOffload, offload);
  });
}

/** Decoding, thumbnails and rendering by sharp (libvips), with the configured pixel limit; rendered PNGs kept in memory. */
export function imagesModule(limits: ImageLimits, previewCacheBytes: number): ContainerModule {
  return new ContainerModule((options) => {
    const { value } = binder(options);
    value(T.ImageLimits, limits);
    value(T.ImageProcessor, new SharpImageProcessor(limits.maxPixels));
    value(T.RenderedCache, new LruRenderedCache(previewCacheBytes));
  });
}

export function filesystemObjectStore(root: string): ObjectStore {
  return new FilesystemObjectStore(root);
}

export function memoryObjectStore(): ObjectStore {
  return new MemoryObjectStore();
}

/** Where the change feeds report what goes wrong (a lost listener, a failing subscriber). */
export type FeedErrorHandler = (error: unknown, context: string) => void;

export type SecuritySettings = {
  jwt: JwtSettings;
  bcryptCost: number;
  loginPolicy: { maxFailures: number; lockSeconds: number };
  refreshReuseGraceSeconds: number;
  loginHistoryDays: number;
  notificationRetentionDays: number;
  authRateLimit: number;
  extractRateLimit: number;
  eventRetentionSeconds: number;
};

/** Hashing, tokens, time and ids. Tests pass their own clock. */
export function securityModule(settings: SecuritySettings, clock: Clock = new SystemClock()): ContainerModule {
  return new ContainerModule((options) => {
    const { value } = binder(options);
    value(T.TokenIssuer, new JwtTokenIssuer(settings.jwt, clock));
    value(T.CursorSealer, new HmacCursorSealer(settings.jwt.secret));
    value(T.PasswordHasher, new BcryptPasswordHasher(settings.bcryptCost));
    value(T.Clock, clock);
    value(T.Ids, new RandomIds());
    value(T.LoginPolicy, settings.loginPolicy);
    value(T.RefreshReuseGrace, settings.refreshReuseGraceSeconds);
    value(T.LoginHistoryDays, settings.loginHistoryDays);
    value(T.NotificationRetentionDays, settings.notificationRetentionDays);
    value(T.AuthRateLimit, settings.authRateLimit);
    value(T.ExtractRateLimit, settings.extractRateLimit);
    value(T.EventRetention, settings.eventRetentionSeconds);
  });
}

/** Where the core reports outcomes for operators (the Prometheus metrics). */
export function countersModule(signIns: SignInCounter): ContainerModule {
  return new ContainerModule((options) => binder(options).value(T.SignInCounter, signIns));
}
