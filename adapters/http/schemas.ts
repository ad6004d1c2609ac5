import { z } from 'zod';
import { CHECK_STATUSES } from '../../application/ops/check-readiness.ts';
import { LOGIN_OUTCOMES } from '../../application/ports/login-history.ts';
import { IMAGE_KINDS } from '../../domain/images/image.ts';
import { IMAGE_TYPES } from '../../domain/images/sniff.ts';
import { COLOR_ROLES, HEX_PATTERN } from '../../domain/themes/color.ts';
import { THEME_STATUSES } from '../../domain/themes/theme.ts';
import { ROLES, USER_STATUSES } from '../../domain/users/role.ts';

/** The response header of private resources (API.md: `/users/me…`, `/admin/…`), for the OpenAPI document. */
export const NO_STORE = { 'Cache-Control': 'no-store: private to the caller, never kept by a cache' };

/** The JSON shapes of API.md's responses, for the OpenAPI document. Presenters produce them. */
export const ImageRefSchema = z
  .object({ id: z.uuid(), url: z.url(), thumbnailUrl: z.url(), width: z.int(), height: z.int() })
  .meta({ id: 'ImageRef' });

export const UserPublicSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    bio: z.string(),
    avatar: ImageRefSchema.nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'UserPublic' });

export const UserPrivateSchema = z
  .object({
    id: z.uuid(),
    email: z.email(),
    username: z.string(),
    displayName: z.string(),
    bio: z.string(),
    role: z.enum(ROLES),
    status: z.enum(USER_STATUSES),
    avatar: ImageRefSchema.nullable(),
    lastLoginAt: z.iso.datetime().nullable().meta({ description: 'the last successful sign-in with a password' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'UserPrivate' });

export const SessionSchema = z
  .object({
    user: UserPrivateSchema,
    accessToken: z.string(),
    refreshToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.int().meta({ description: 'seconds until the access token expires' }),
  })
  .meta({ id: 'Session' });

export const OAuthTokenSchema = z
  .object({ access_token: z.string(), token_type: z.literal('bearer'), expires_in: z.int(), refresh_token: z.string() })
  .meta({ id: 'OAuthToken' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    code: z.string().meta({ description: 'stable, machine-readable error code' }),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  })
  .meta({ id: 'Problem' });

export const HealthSchema = z
  .object({
    status: z.enum(CHECK_STATUSES),
    checks: z.object({ database: z.enum(CHECK_STATUSES), objectStore: z.enum(CHECK_STATUSES) }).optional(),
  })
  .meta({ id: 'Health' });

export const CategorySchema = z
  .object({ id: z.uuid(), slug: z.string(), name: z.string(), description: z.string(), themeCount: z.int() })
  .meta({ id: 'Category' });

export const ColorSchema = z
  .object({ name: z.string(), hex: z.string().regex(HEX_PATTERN), role: z.enum(COLOR_ROLES).optional() })
  .meta({ id: 'Color' });

export const ThemeSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    status: z.enum(THEME_STATUSES),
    category: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable(),
    colors: z.array(ColorSchema),
    tags: z.array(z.string()),
    owner: z.object({ id: z.uuid(), username: z.string(), displayName: z.string() }),
    cover: ImageRefSchema.nullable(),
    imageCount: z.int(),
    favoriteCount: z.int(),
    favorited: z.boolean().meta({ description: 'whether the caller favourited it; false when anonymous' }),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Theme' });

export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().meta({ description: 'opaque; pass as `cursor` for the next page' }) }).meta({ id });

export const ThemePageSchema = pageOf(ThemeSchema, 'ThemePage');
export const CategoryListSchema = z.object({ items: z.array(CategorySchema) }).meta({ id: 'CategoryList' });

export const ImageSchema = z
  .object({
    id: z.uuid(),
    themeId: z.uuid().nullable(),
    kind: z.enum(IMAGE_KINDS),
    contentType: z.enum(IMAGE_TYPES),
    size: z.int(),
    width: z.int(),
    height: z.int(),
    sha256: z.string(),
    alt: z.string(),
    url: z.url(),
    thumbnailUrl: z.url(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Image' });

export const ImageListSchema = z.object({ items: z.array(ImageSchema) }).meta({ id: 'ImageList' });

export const UploadTicketSchema = z
  .object({
    id: z.uuid(),
    themeId: z.uuid().nullable().meta({ description: 'null for an avatar' }),
    kind: z.enum(['cover', 'preview', 'avatar']),
    maxBytes: z.int().meta({ description: 'the declared size: a larger file is refused by the store' }),
    expiresAt: z.iso.datetime().meta({ description: 'send the file, and commit, before then' }),
    upload: z
      .object({
        method: z.literal('POST'),
        url: z.url(),
        fields: z.record(z.string(), z.string()).meta({ description: 'the form fields to send as they are, before the `file` part' }),
      })
      .meta({
        description:
          'a multipart/form-data POST of `fields` and then `file`: to the bucket itself with S3 (a presigned POST), or to the API’s own signed URL with the disk and memory stores (which also takes the raw bytes with PUT)',
      }),
    commitUrl: z.url().meta({ description: 'POST here once the file is sent' }),
  })
  .meta({ id: 'UploadTicket' });

/** The form of a direct upload to the API's own signed URL, for the OpenAPI document. */
export const DirectUploadForm = z
  .object({ file: z.string().meta({ format: 'binary', description: 'the file, after any other field (which are ignored)' }) })
  .catchall(z.string());

/** The multipart form of uploads, for the OpenAPI document. */
export const uploadForm = (fields: z.ZodObject) =>
  z.object({ file: z.string().meta({ format: 'binary', description: 'a PNG, JPEG or WebP image' }), ...fields.shape });

export const UserPageSchema = pageOf(UserPrivateSchema, 'UserPage');

export const AuditEventSchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });

export const AuditPageSchema = pageOf(AuditEventSchema, 'AuditPage');

const SoftwareSchema = z
  .object({ name: z.string(), version: z.string().nullable() })
  .nullable()
  .meta({ description: 'as the User-Agent header names it; null when it names none' });

export const SignedInSessionSchema = z
  .object({
    id: z.uuid().meta({ description: 'pass to DELETE /users/me/sessions/{id}' }),
    createdAt: z.iso.datetime().meta({ description: 'the sign-in' }),
    lastUsedAt: z.iso.datetime().meta({ description: 'the sign-in or the latest token refresh' }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    browser: SoftwareSchema,
    os: SoftwareSchema,
    current: z.boolean().meta({ description: 'the session of the access token making this request' }),
  })
  .meta({ id: 'SignedInSession' });

export const SignedInSessionListSchema = z.object({ items: z.array(SignedInSessionSchema) }).meta({ id: 'SignedInSessionList' });

export const LoginAttemptSchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    outcome: z.enum(LOGIN_OUTCOMES).meta({ description: 'success; failure (wrong password); locked (refused unheard: too many failures)' }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    browser: SoftwareSchema,
    os: SoftwareSchema,
  })
  .meta({ id: 'LoginAttempt' });

export const LoginAttemptPageSchema = pageOf(LoginAttemptSchema, 'LoginAttemptPage');

const countsOf = <K extends string>(keys: readonly [K, ...K[]]) => z.object(Object.fromEntries(keys.map((key) => [key, z.int()])) as Record<K, z.ZodInt>);

export const StatisticsSchema = z
  .object({
    generatedAt: z.iso.datetime().meta({ description: 'when these counts were collected (they are kept a few seconds)' }),
    users: z.object({
      byRole: countsOf(ROLES),
      byStatus: countsOf(USER_STATUSES),
      locked: z.int().meta({ description: 'accounts whose email or username is locked after failed logins' }),
    }),
    themes: z.object({ byStatus: countsOf(THEME_STATUSES) }),
    images: z.object({ count: z.int(), bytes: z.int().meta({ description: 'originals and thumbnails stored' }) }),
    logins: z
      .object({ since: z.iso.datetime(), succeeded: z.int(), failed: z.int(), locked: z.int().meta({ description: 'refused while the login was locked' }) })
      .meta({ description: 'sign-in attempts of the last 24 hours, unknown logins included' }),
    objectDeletionsDue: z.int().meta({ description: 'stored objects due for deletion (the cleanup backlog)' }),
  })
  .meta({ id: 'Statistics' });
