import { z } from 'zod';
import { CHECK_STATUSES } from '../../application/ops/check-readiness.ts';
import { LOGIN_OUTCOMES } from '../../application/ports/login-history.ts';
import { NOTIFICATION_KINDS } from '../../application/ports/notification-repo.ts';
import { LEVELS } from '../../domain/color/contrast.ts';
import { CVD_CONFUSION_THRESHOLD, CVD_TYPES } from '../../domain/color/vision.ts';
import { IMAGE_KINDS } from '../../domain/images/image.ts';
import { IMAGE_TYPES } from '../../domain/images/sniff.ts';
import { COLOR_ROLES, HEX_PATTERN } from '../../domain/themes/color.ts';
import { SLUG_PATTERN } from '../../domain/themes/slug.ts';
import { TAG_PATTERN, THEME_STATUSES } from '../../domain/themes/theme.ts';
import { EMAIL_PATTERN, USERNAME_PATTERN } from '../../domain/users/account-rules.ts';
import { ROLES, USER_STATUSES } from '../../domain/users/role.ts';

/** Values as the server stores and returns them: normalised (requests may send them in other forms, see the request schemas). */
const username = z.string().regex(USERNAME_PATTERN);
const email = z.string().regex(EMAIL_PATTERN).regex(/^[^A-Z]*$/).meta({ description: 'trimmed and lower-cased' });
const slug = z.string().regex(SLUG_PATTERN);
const tag = z.string().regex(TAG_PATTERN);

/** The response header of private resources (API.md: `/users/me…`, `/admin/…`), for the OpenAPI document. */
export const NO_STORE = { 'Cache-Control': 'no-store: private to the caller, never kept by a cache' };

/** The JSON shapes of API.md's responses, for the OpenAPI document. Presenters produce them. */
export const ImageRefSchema = z
  .object({ id: z.uuid(), url: z.url(), thumbnailUrl: z.url(), width: z.int(), height: z.int() })
  .meta({
    id: 'ImageRef',
    description:
      'An image and its thumbnail. A theme without an uploaded cover has its generated swatch card as `cover`: then `id` is the theme’s id, `url` its `/preview.png` and `thumbnailUrl` its `/preview.png?size=thumbnail`.',
  });

export const UserPublicSchema = z
  .object({
    id: z.uuid(),
    username,
    displayName: z.string(),
    bio: z.string(),
    avatar: ImageRefSchema.nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'UserPublic' });

export const UserPrivateSchema = z
  .object({
    id: z.uuid(),
    email,
    username,
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
  .object({ id: z.uuid(), slug, name: z.string(), description: z.string(), themeCount: z.int() })
  .meta({ id: 'Category' });

export const ColorSchema = z
  .object({ name: z.string(), hex: z.string().regex(HEX_PATTERN), role: z.enum(COLOR_ROLES).optional() })
  .meta({ id: 'Color' });

const hex = z.string().regex(HEX_PATTERN);
const level = z.enum(LEVELS);

export const AccessibilitySummarySchema = z
  .object({
    textContrast: z.number().nullable().meta({ description: 'WCAG 2.2 contrast of the text colour on the background, cut to two decimals; null without both roles' }),
    level: level.nullable().meta({ description: 'the level that ratio reaches for normal text; null without both roles' }),
    cvdSafe: z.boolean().meta({ description: 'no two colours become hard to tell apart with protanopia, deuteranopia or tritanopia' }),
  })
  .meta({ id: 'AccessibilitySummary' });

export const ThemeSchema = z
  .object({
    id: z.uuid(),
    slug,
    name: z.string(),
    description: z.string(),
    status: z.enum(THEME_STATUSES),
    category: z.object({ id: z.uuid(), slug, name: z.string() }).nullable(),
    colors: z.array(ColorSchema),
    accessibility: AccessibilitySummarySchema,
    tags: z.array(tag),
    owner: z.object({ id: z.uuid(), username, displayName: z.string() }),
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

export const SwatchSchema = z
  .object({
    hex,
    share: z.number().min(0).max(1).meta({ description: 'the share of the image’s opaque pixels this colour stands for' }),
    role: z.enum(COLOR_ROLES).nullable().meta({ description: 'suggested: background (a large low-chroma area), text (most contrast on it), primary and accent (salient chroma)' }),
  })
  .meta({ id: 'Swatch' });

export const PaletteExtractionSchema = z.object({ swatches: z.array(SwatchSchema).meta({ description: 'largest share first' }) }).meta({ id: 'PaletteExtraction' });

export const UploadedImageSchema = ImageSchema.extend({
  suggestedColors: z.array(SwatchSchema).optional().meta({ description: 'covers only: the palette extracted from the image, largest share first' }),
}).meta({ id: 'UploadedImage' });

const grades = {
  normalText: level.meta({ description: 'WCAG 2.2 SC 1.4.3 (AA, 4.5:1) and 1.4.6 (AAA, 7:1)' }),
  largeText: level.meta({ description: 'AA 3:1, AAA 4.5:1' }),
  uiComponents: z.enum(['AA', 'fail']).meta({ description: 'SC 1.4.11, 3:1' }),
};
const ratio = z.number().min(1).max(21).meta({ description: 'WCAG 2.2 contrast ratio, cut (never rounded up) to two decimals' });

export const AccessibilityReportSchema = z
  .object({
    themeId: z.uuid(),
    version: z.int(),
    colors: z.array(ColorSchema).meta({ description: 'the palette, in order: pairs and warnings name colours by their position in it' }),
    summary: AccessibilitySummarySchema,
    pairs: z.array(z.object({ a: z.int(), b: z.int(), ratio, ...grades })).meta({ description: 'every pair of palette colours, once (a < b)' }),
    rolePairs: z
      .array(
        z.object({
          foreground: z.enum(COLOR_ROLES),
          background: z.enum(COLOR_ROLES),
          use: z.enum(['text', 'ui']).meta({ description: 'text must reach 4.5:1 (AA) or 7:1 (AAA); UI components 3:1' }),
          foregroundHex: hex,
          backgroundHex: hex,
          ratio,
          ...grades,
          passes: z.boolean().meta({ description: 'meets its use’s AA target' }),
          fix: z
            .object({
              role: z.enum(COLOR_ROLES).meta({ description: 'the colour to change: always the foreground' }),
              from: hex,
              aa: hex.nullable().meta({ description: 'the nearest colour (OKLCH lightness only) reaching AA; null when none does' }),
              aaa: hex.nullable().meta({ description: 'the same for AAA; null when none does, and for UI pairs' }),
            })
            .nullable()
            .meta({ description: 'while the pair falls short of its best level (AAA for text, AA for UI)' }),
        }),
      )
      .meta({ description: 'the pairs that matter, for the roles the palette has: text and primary on background, text on surface (text, 4.5:1); secondary and accent on background (UI, 3:1)' }),
    colorVision: z.object({
      model: z.string(),
      threshold: z.number().meta({ description: 'CIEDE2000 below which two colours count as hard to tell apart' }),
      simulated: z.object(Object.fromEntries(CVD_TYPES.map((type) => [type, z.array(hex)])) as Record<(typeof CVD_TYPES)[number], z.ZodArray<typeof hex>>),
      warnings: z.array(
        z.object({
          type: z.enum(CVD_TYPES),
          a: z.int(),
          b: z.int(),
          normalDeltaE: z.number().meta({ description: 'CIEDE2000 in normal vision (two decimals)' }),
          simulatedDeltaE: z.number().meta({ description: `CIEDE2000 as simulated, below ${CVD_CONFUSION_THRESHOLD}` }),
        }),
      ),
    }),
  })
  .meta({ id: 'AccessibilityReport' });

export const SimilarThemesSchema = z
  .object({
    items: z.array(
      z.object({
        distance: z.number().min(0).meta({ description: 'palette distance in OKLab: 0 for the same colours, about 1 for black against white' }),
        theme: ThemeSchema,
      }),
    ),
  })
  .meta({ id: 'SimilarThemes' });

/** Bytes of a non-text media type (images, ASE swatches). */
export const BinarySchema = z.string().meta({ format: 'binary' });

/** The `json` export: W3C Design Tokens 2025.10, one colour token per palette colour in a `color` group. */
export const ThemeTokensSchema = z
  .object({
    $description: z.string().meta({ description: 'the theme’s name' }),
    color: z.record(
      z.string(),
      z.union([
        z.literal('color').meta({ description: 'the group’s `$type`' }),
        z.object({
          $value: z.object({ colorSpace: z.literal('srgb'), components: z.tuple([z.number(), z.number(), z.number()]), hex }),
          $extensions: z.object({ 'themes-api': z.object({ name: z.string(), role: z.enum(COLOR_ROLES).nullable() }) }),
        }),
      ]),
    ),
  })
  .meta({ id: 'ThemeTokens' });

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

export const NotificationSchema = z
  .object({
    id: z.int().meta({ description: 'grows with time: mark read up to it' }),
    kind: z.enum(NOTIFICATION_KINDS).meta({
      description: 'theme_favorited: someone favourited your theme; theme_moderated: a moderator edited, unpublished or deleted it (data.action); role_changed, status_changed: data.from and data.to',
    }),
    at: z.iso.datetime(),
    actorId: z.uuid().nullable().meta({ description: 'who did it; null: the system' }),
    themeId: z.uuid().nullable(),
    data: z.record(z.string(), z.unknown()).meta({ description: 'theme: { name, slug } for theme notifications; action; from and to' }),
    read: z.boolean(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Notification' });

export const NotificationPageSchema = z
  .object({
    items: z.array(NotificationSchema),
    nextCursor: z.string().nullable().meta({ description: 'opaque; pass as `cursor` for the next page' }),
    unreadCount: z.int().meta({ description: 'the caller’s unread notifications in all' }),
  })
  .meta({ id: 'NotificationPage' });

export const NotificationsMarkedSchema = z
  .object({ marked: z.int().meta({ description: 'how many were unread and are read now' }), unreadCount: z.int() })
  .meta({ id: 'NotificationsMarked' });

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

export const AsyncApiDocumentSchema = z
  .looseObject({ asyncapi: z.string().regex(/^3\.0\.\d+$/), info: z.looseObject({ title: z.string(), version: z.string() }), channels: z.record(z.string(), z.unknown()) })
  .meta({ id: 'AsyncApiDocument', description: 'an AsyncAPI 3.0 document' });

export const OpenApiDocumentSchema = z
  .looseObject({ openapi: z.string().regex(/^3\.1\.\d+$/), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .meta({ id: 'OpenApiDocument', description: 'an OpenAPI 3.1 document' });
