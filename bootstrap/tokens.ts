import type { ImageLimits } from '../application/media/image-storer.ts';
import type { MediaOffload } from '../application/media/read-image.ts';
import type { DirectUploadSettings } from '../application/media/request-upload.ts';
import type { AuditLog } from '../application/ports/audit-log.ts';
import type { ChangeFeed } from '../application/ports/change-feed.ts';
import type { EventLog } from '../application/ports/event-log.ts';
import type { NotificationRepo } from '../application/ports/notification-repo.ts';
import type { CategoryRepo } from '../application/ports/category-repo.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { CursorSealer } from '../application/ports/cursor-sealer.ts';
import type { DatabaseHealth } from '../application/ports/database-health.ts';
import type { DirectUploads, UploadSignatures } from '../application/ports/direct-uploads.ts';
import type { FavoriteRepo } from '../application/ports/favorite-repo.ts';
import type { Ids } from '../application/ports/ids.ts';
import type { ImageProcessor } from '../application/ports/image-processor.ts';
import type { ImageRepo } from '../application/ports/image-repo.ts';
import type { ObjectCleanup } from '../application/ports/object-cleanup.ts';
import type { ObjectStore } from '../application/ports/object-store.ts';
import type { PasswordHasher } from '../application/ports/password-hasher.ts';
import type { RateLimiter } from '../application/ports/rate-limiter.ts';
import type { RefreshTokenRepo } from '../application/ports/refresh-token-repo.ts';
import type { RenderedCache } from '../application/ports/rendered-cache.ts';
import type { SimilarPalettes } from '../application/ports/similar-palettes.ts';
import type { ThemeRepo } from '../application/ports/theme-repo.ts';
import type { TokenIssuer } from '../application/ports/token-issuer.ts';
import type { Transaction } from '../application/ports/transaction.ts';
import type { UploadStaging } from '../application/ports/upload-staging.ts';
import type { UploadTicketRepo } from '../application/ports/upload-ticket-repo.ts';
import type { FavoritesLookup } from '../application/ports/favorites-lookup.ts';
import type { ThemeCatalog } from '../application/ports/theme-catalog.ts';
import type { UserAccessReader } from '../application/ports/user-access.ts';
import type { UserRepo } from '../application/ports/user-repo.ts';
import type { LoginPolicy } from '../application/auth/login-policy.ts';
import type { LoginHistory } from '../application/ports/login-history.ts';
import type { StatisticsQuery } from '../application/ports/statistics.ts';
import type { LoginThrottle } from '../application/ports/login-throttle.ts';
import type { SignInCounter } from '../application/ports/sign-in-counter.ts';
import { token } from './wiring.ts';

/** One typed service identifier per port and setting. Use-cases are identified by their own class. */
export const TYPES = {
  UserRepo: token<UserRepo>('UserRepo'),
  UserAccess: token<UserAccessReader>('UserAccess'),
  RefreshTokenRepo: token<RefreshTokenRepo>('RefreshTokenRepo'),
  CategoryRepo: token<CategoryRepo>('CategoryRepo'),
  ThemeRepo: token<ThemeRepo>('ThemeRepo'),
  SimilarPalettes: token<SimilarPalettes>('SimilarPalettes'),
  ThemeCatalog: token<ThemeCatalog>('ThemeCatalog'),
  FavoritesLookup: token<FavoritesLookup>('FavoritesLookup'),
  FavoriteRepo: token<FavoriteRepo>('FavoriteRepo'),
  CursorSealer: token<CursorSealer>('CursorSealer'),
  ImageRepo: token<ImageRepo>('ImageRepo'),
  ObjectCleanup: token<ObjectCleanup>('ObjectCleanup'),
  ImageProcessor: token<ImageProcessor>('ImageProcessor'),
  ImageLimits: token<ImageLimits>('ImageLimits'),
  UploadTicketRepo: token<UploadTicketRepo>('UploadTicketRepo'),
  UploadStaging: token<UploadStaging>('UploadStaging'),
  DirectUploads: token<DirectUploads>('DirectUploads'),
  UploadSignatures: token<UploadSignatures>('UploadSignatures'),
  DirectUploadSettings: token<DirectUploadSettings>('DirectUploadSettings'),
  /** Null unless MEDIA_REDIRECT=presigned. */
  MediaOffload: token<MediaOffload | null>('MediaOffload'),
  RenderedCache: token<RenderedCache>('RenderedCache'),
  RateLimiter: token<RateLimiter>('RateLimiter'),
  LoginThrottle: token<LoginThrottle>('LoginThrottle'),
  LoginHistory: token<LoginHistory>('LoginHistory'),
  StatisticsQuery: token<StatisticsQuery>('StatisticsQuery'),
  /** LOGIN_HISTORY_DAYS: how long sign-in attempts are kept. */
  LoginHistoryDays: token<number>('LoginHistoryDays'),
  NotificationRetentionDays: token<number>('NotificationRetentionDays'),
  /** Requests a minute per client address on /auth/*; 0 turns the limit off. */
  AuthRateLimit: token<number>('AuthRateLimit'),
  /** Palette extractions a minute per user; 0 turns the limit off. */
  ExtractRateLimit: token<number>('ExtractRateLimit'),
  /** Seconds change events are kept (EVENT_RETENTION). */
  EventRetention: token<number>('EventRetention'),
  AuditLog: token<AuditLog>('AuditLog'),
  EventLog: token<EventLog>('EventLog'),
  ChangeFeed: token<ChangeFeed>('ChangeFeed'),
  NotificationRepo: token<NotificationRepo>('NotificationRepo'),
  Transaction: token<Transaction>('Transaction'),
  DatabaseHealth: token<DatabaseHealth>('DatabaseHealth'),
  ObjectStore: token<ObjectStore>('ObjectStore'),
  TokenIssuer: token<TokenIssuer>('TokenIssuer'),
  PasswordHasher: token<PasswordHasher>('PasswordHasher'),
  Clock: token<Clock>('Clock'),
  Ids: token<Ids>('Ids'),
  LoginPolicy: token<LoginPolicy>('LoginPolicy'),
  /** What sign-ins came to, counted for the metrics. */
  SignInCounter: token<SignInCounter>('SignInCounter'),
  /** Seconds after a rotation during which a replay of the spent refresh token is a second tab, not a theft. */
  RefreshReuseGrace: token<number>('RefreshReuseGrace'),
} as const;
