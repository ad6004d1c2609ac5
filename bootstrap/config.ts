import { z } from 'zod';
import { emailField, passwordField, usernameField } from '../application/users/fields.ts';
import type { RealtimeLimits } from '../adapters/realtime/limits.ts';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

const duration = z
  .string()
  .regex(/^\d+[smhd]$/, 'expected a duration such as 90s, 15m, 12h or 30d')
  .transform((v) => Number(v.slice(0, -1)) * (UNITS[v.slice(-1)] ?? 1))
  .refine((seconds) => seconds > 0, 'expected a duration above zero');

/** A duration that may be zero (`0s` turns something off). */
const durationOrZero = z
  .string()
  .regex(/^\d+[smhd]$/, 'expected a duration such as 0s, 10s or 1m')
  .transform((v) => Number(v.slice(0, -1)) * (UNITS[v.slice(-1)] ?? 1));

const MILLIS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** A wait bound, in milliseconds: 500ms, 5s, 2m. */
const timeout = z
  .string()
  .regex(/^\d+(ms|s|m)$/, 'expected a duration such as 500ms, 5s or 2m')
  .transform((v) => {
    const [, amount, unit] = /^(\d+)(ms|s|m)$/.exec(v)!;
    return Number(amount) * (MILLIS[unit!] ?? 1);
  })
  .refine((ms) => ms > 0, 'expected a duration above zero');

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: `expected a whole number from ${min} to ${max}` })
    .int(`expected a whole number from ${min} to ${max}`)
    .min(min, `expected a whole number from ${min} to ${max}`)
    .max(max, `expected a whole number from ${min} to ${max}`);

const bool = z.enum(['true', 'false', '1', '0'], { error: 'expected true or false' }).transform((v) => v === 'true' || v === '1');

const url = (protocols: RegExp, what: string) =>
  z.string().refine((v) => {
    try {
      return protocols.test(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `expected ${what}`);

/** Every environment variable the server reads, with its default. API.md's Configuration table mirrors this. */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: int(0, 65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: url(/^https?:$/, 'an http(s) URL such as https://themes.example.com').optional(),
    DATA_DIR: z.string().min(1).default('./.data'),
    DATABASE_URL: url(/^postgres(ql)?:$/, 'a URL such as postgres://user:pass@host:5432/db').optional(),
    S3_ENDPOINT: url(/^https?:$/, 'an http(s) URL such as http://minio:9000').optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name').default('themes'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: bool.default(true),
    S3_TIMEOUT: timeout.default(5000),
    DATABASE_CONNECT_TIMEOUT: timeout.default(3000),
    DATABASE_STATEMENT_TIMEOUT: timeout.default(5000),
    STARTUP_TIMEOUT: timeout.default(60_000),
    ADAPTERS: z.enum(['memory'], { error: 'expected memory, or leave it unset' }).optional(),
    JWT_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
    JWT_ISSUER: z.string().min(1).default('themes-api'),
    JWT_AUDIENCE: z.string().min(1).default('themes-api'),
    ACCESS_TOKEN_TTL: duration.default(15 * 60),
    REFRESH_TOKEN_TTL: duration.default(30 * 86400),
    REFRESH_REUSE_GRACE: durationOrZero.default(10),
    BCRYPT_COST: int(4, 15).default(12),
    LOGIN_MAX_FAILURES: int(1, 1000).default(5),
    LOGIN_LOCK_SECONDS: int(1, 86400 * 7).default(900),
    LOGIN_HISTORY_DAYS: int(1, 3650).default(90),
    NOTIFICATION_RETENTION_DAYS: int(1, 3650).default(90),
    AUTH_RATE_LIMIT: int(0, 100000).default(20),
    EXTRACT_RATE_LIMIT: int(0, 100000).default(20),
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d+|[\d.:a-f/,\s]+|loopback|linklocal|uniquelocal)$/i, 'expected false, true, a hop count, or addresses/subnets')
      .default('false'),
    MAX_UPLOAD_BYTES: int(1, 2 ** 40).default(10 * 1024 * 1024),
    MAX_IMAGE_PIXELS: int(1, 2 ** 32).default(40_000_000),
    MAX_IMAGES_PER_THEME: int(1, 1000).default(20),
    UPLOAD_TICKET_TTL: duration.refine((seconds) => seconds <= 3600, 'expected at most 1h').default(300),
    MEDIA_REDIRECT: z.enum(['none', 'presigned'], { error: 'expected none or presigned' }).default('none'),
    MEDIA_REDIRECT_TTL: duration.refine((seconds) => seconds <= 7 * 86400, 'expected at most 7d (the longest a presigned URL lasts)').default(300),
    PREVIEW_CACHE_BYTES: int(1024 * 1024, 2 ** 40).default(32 * 1024 * 1024),
    CORS_ORIGINS: z.string().optional(),
    EVENT_RETENTION: duration.default(24 * 3600),
    WS_MAX_BUFFER_BYTES: int(1024, 2 ** 31).default(1024 * 1024),
    WS_PING_INTERVAL: timeout.default(30_000),
    WS_MAX_SOCKETS_PER_USER: int(1, 10_000).default(10),
    WS_MAX_SOCKETS_PER_ADDRESS: int(1, 1_000_000).default(100),
    WS_MAX_MESSAGES_PER_MINUTE: int(1, 1_000_000).default(120),
    WS_AUTH_TIMEOUT: timeout.default(5000),
    WS_REAUTH_GRACE: timeout.default(10_000),
    CACHE: z.enum(['on', 'off'], { error: 'expected on or off' }).default('on'),
    CACHE_MAX_BYTES: int(0, 2 ** 40).default(64 * 1024 * 1024),
    METRICS_TOKEN: z.string().regex(/^[\x21-\x7e]{16,}$/, 'expected at least 16 printable characters, no spaces (a bearer token)').optional(),
    METRICS_PORT: int(0, 65535).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    FIRST_ADMIN_EMAIL: emailField.optional(),
    FIRST_ADMIN_USERNAME: usernameField.default('admin'),
    FIRST_ADMIN_PASSWORD: passwordField.optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET)
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'required when NODE_ENV=production (at least 32 characters)' });
    if (env.MEDIA_REDIRECT === 'presigned' && (!env.S3_ENDPOINT || env.ADAPTERS === 'memory'))
      ctx.addIssue({ code: 'custom', path: ['MEDIA_REDIRECT'], message: 'presigned needs objects in S3 (S3_ENDPOINT set, ADAPTERS unset); the disk and memory stores serve through the API' });
    if (env.S3_ENDPOINT && (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY))
      ctx.addIssue({ code: 'custom', path: ['S3_ACCESS_KEY_ID'], message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required with S3_ENDPOINT' });
    if (env.METRICS_PORT && env.METRICS_PORT === env.PORT)
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT (metrics are served there alone)' });
    if (Boolean(env.FIRST_ADMIN_EMAIL) !== Boolean(env.FIRST_ADMIN_PASSWORD))
      ctx.addIssue({ code: 'custom', path: [env.FIRST_ADMIN_EMAIL ? 'FIRST_ADMIN_PASSWORD' : 'FIRST_ADMIN_EMAIL'], message: 'FIRST_ADMIN_EMAIL and FIRST_ADMIN_PASSWORD go together' });
  });

export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Unset: derived from the port the server really listens on. */
  publicUrl: string | undefined;
  dataDir: string;
  database: { kind: 'memory' } | { kind: 'embedded' } | { kind: 'url'; url: string };
  objects:
    | { kind: 'memory' }
    | { kind: 'filesystem' }
    | { kind: 's3'; endpoint: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean };
  /** Bounds on waiting for the database and the object store; see the README's behaviour notes. */
  timeouts: { databaseConnectMs: number; databaseStatementMs: number; s3Ms: number; startupMs: number };
  jwt: { secret: string | undefined; issuer: string; audience: string; accessTokenTtlSeconds: number; refreshTokenTtlSeconds: number };
  bcryptCost: number;
  login: { maxFailures: number; lockSeconds: number };
  /** REFRESH_REUSE_GRACE: a replay of a refresh token this soon after its rotation is a second tab (0: never). */
  refreshReuseGraceSeconds: number;
  /** LOGIN_HISTORY_DAYS: how long sign-in attempts are kept. */
  loginHistoryDays: number;
  /** NOTIFICATION_RETENTION_DAYS: how long notifications are kept, read or not. */
  notificationRetentionDays: number;
  authRateLimit: number;
  /** Palette extractions a minute per user; 0: no limit. */
  extractRateLimit: number;
  trustProxy: boolean | number | string;
  uploads: { maxBytes: number; maxPixels: number; maxImagesPerTheme: number; ticketTtlSeconds: number };
  /** Whether image downloads are redirected to presigned URLs of the store, and for how long those last. */
  mediaRedirect: { kind: 'none' } | { kind: 'presigned'; ttlSeconds: number };
  /** Memory for rendered swatch-card PNGs (an LRU cache by theme version). */
  previewCacheBytes: number;
  corsOrigins: string[];
  /** How long change events are kept (how far back realtime clients can resume). */
  eventRetentionSeconds: number;
  /** Ready bodies of public reads (CACHE, CACHE_MAX_BYTES). */
  cache: { enabled: boolean; maxBytes: number };
  /** The WebSocket API's limits (WS_*). */
  realtime: RealtimeLimits;
  /**
   * GET /metrics (Prometheus): behind METRICS_TOKEN, or on METRICS_PORT alone (and behind the token
   * too when both are set); off (404) with neither, so it is never public by accident.
   */
  metrics: { kind: 'off' } | { kind: 'on'; token: string | undefined; port: number | undefined };
  logLevel: string;
  /** FIRST_ADMIN_*: created at start when there is no admin yet. */
  firstAdmin: { email: string; username: string; password: string } | undefined;
};

export class ConfigError extends Error {}

/** Parses the environment once. A bad value stops the start with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const memory = e.ADAPTERS === 'memory';
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    dataDir: e.DATA_DIR,
    database: memory ? { kind: 'memory' } : e.DATABASE_URL ? { kind: 'url', url: e.DATABASE_URL } : { kind: 'embedded' },
    objects: memory
      ? { kind: 'memory' }
      : e.S3_ENDPOINT
        ? {
            kind: 's3',
            endpoint: e.S3_ENDPOINT,
            region: e.S3_REGION,
            bucket: e.S3_BUCKET,
            accessKeyId: e.S3_ACCESS_KEY_ID ?? '',
            secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? '',
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
          }
        : { kind: 'filesystem' },
    timeouts: {
      databaseConnectMs: e.DATABASE_CONNECT_TIMEOUT,
      databaseStatementMs: e.DATABASE_STATEMENT_TIMEOUT,
      s3Ms: e.S3_TIMEOUT,
      startupMs: e.STARTUP_TIMEOUT,
    },
    jwt: {
      secret: e.JWT_SECRET,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL,
      refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL,
    },
    bcryptCost: e.BCRYPT_COST,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockSeconds: e.LOGIN_LOCK_SECONDS },
    refreshReuseGraceSeconds: e.REFRESH_REUSE_GRACE,
    loginHistoryDays: e.LOGIN_HISTORY_DAYS,
    notificationRetentionDays: e.NOTIFICATION_RETENTION_DAYS,
    authRateLimit: e.AUTH_RATE_LIMIT,
    extractRateLimit: e.EXTRACT_RATE_LIMIT,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    uploads: { maxBytes: e.MAX_UPLOAD_BYTES, maxPixels: e.MAX_IMAGE_PIXELS, maxImagesPerTheme: e.MAX_IMAGES_PER_THEME, ticketTtlSeconds: e.UPLOAD_TICKET_TTL },
    mediaRedirect: e.MEDIA_REDIRECT === 'presigned' ? { kind: 'presigned', ttlSeconds: e.MEDIA_REDIRECT_TTL } : { kind: 'none' },
    previewCacheBytes: e.PREVIEW_CACHE_BYTES,
    corsOrigins: (e.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    eventRetentionSeconds: e.EVENT_RETENTION,
    cache: { enabled: e.CACHE === 'on' && e.CACHE_MAX_BYTES > 0, maxBytes: e.CACHE_MAX_BYTES },
    realtime: {
      maxBufferBytes: e.WS_MAX_BUFFER_BYTES,
      pingIntervalMs: e.WS_PING_INTERVAL,
      maxSocketsPerUser: e.WS_MAX_SOCKETS_PER_USER,
      maxSocketsPerAddress: e.WS_MAX_SOCKETS_PER_ADDRESS,
      maxMessagesPerMinute: e.WS_MAX_MESSAGES_PER_MINUTE,
      authTimeoutMs: e.WS_AUTH_TIMEOUT,
      reauthGraceMs: e.WS_REAUTH_GRACE,
    },
    metrics: e.METRICS_TOKEN || e.METRICS_PORT !== undefined ? { kind: 'on', token: e.METRICS_TOKEN, port: e.METRICS_PORT } : { kind: 'off' },
    logLevel: e.LOG_LEVEL,
    firstAdmin: e.FIRST_ADMIN_EMAIL && e.FIRST_ADMIN_PASSWORD ? { email: e.FIRST_ADMIN_EMAIL, username: e.FIRST_ADMIN_USERNAME, password: e.FIRST_ADMIN_PASSWORD } : undefined,
  };
}

function parseTrustProxy(raw: string): boolean | number | string {
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}
