import type { z } from 'zod';
import type { Session } from '../../application/auth/session.ts';
import type { AuditEvent } from '../../application/ports/audit-log.ts';
import type { CategoryWithCount } from '../../application/ports/category-repo.ts';
import type { IssuedTicket } from '../../application/media/request-upload.ts';
import type { Page } from '../../application/pagination.ts';
import type { UploadedImage } from '../../application/media/upload-theme-image.ts';
import type { SimilarTheme } from '../../application/themes/find-similar-themes.ts';
import type { ThemeAccessibility } from '../../application/themes/get-theme-accessibility.ts';
import type { CoverRef, ImageRefData, ThemeView } from '../../application/ports/theme-catalog.ts';
import type { Swatch } from '../../domain/color/extraction.ts';
import { CVD_CONFUSION_THRESHOLD } from '../../domain/color/vision.ts';
import { displayRatio, type ContrastGrades } from '../../domain/color/contrast.ts';
import type { Color } from '../../domain/themes/color.ts';
import type { Image } from '../../domain/images/image.ts';
import type { User } from '../../domain/users/user.ts';
import type { StatisticsView } from '../../application/admin/get-statistics.ts';
import type { LoginAttempt } from '../../application/ports/login-history.ts';
import type { Notification } from '../../application/ports/notification-repo.ts';
import type { NotificationList } from '../../application/notifications/list-notifications.ts';
import type { SessionView } from '../../application/users/list-sessions.ts';
import type { Links } from './http-context.ts';
import { describeUserAgent } from './user-agent.ts';
import type {
  AccessibilityReportSchema,
  AuditEventSchema,
  CategorySchema,
  ColorSchema,
  ImageRefSchema,
  ImageSchema,
  LoginAttemptSchema,
  NotificationSchema,
  OAuthTokenSchema,
  PaletteExtractionSchema,
  SessionSchema,
  SignedInSessionSchema,
  SimilarThemesSchema,
  StatisticsSchema,
  SwatchSchema,
  ThemeSchema,
  UploadTicketSchema,
  UploadedImageSchema,
  UserPrivateSchema,
  UserPublicSchema,
} from './schemas.ts';

/** An image as API.md's ImageRef: absolute URLs of its content and thumbnail. */
export function presentImageRef(ref: ImageRefData | null, links: Links): z.input<typeof ImageRefSchema> | null {
  if (!ref) return null;
  return { id: ref.id, url: links.api(`/images/${ref.id}/content`), thumbnailUrl: links.api(`/images/${ref.id}/thumbnail`), width: ref.width, height: ref.height };
}

/** A theme's cover: its uploaded image, or its swatch card (ImageRefSchema's description says how to tell). */
export function presentCover(cover: CoverRef, links: Links): z.input<typeof ImageRefSchema> {
  if (cover.kind === 'image') return presentImageRef(cover, links)!;
  const preview = links.api(`/themes/${cover.themeId}/preview.png`);
  return { id: cover.themeId, url: preview, thumbnailUrl: `${preview}?size=thumbnail`, width: cover.width, height: cover.height };
}

export function presentUserPublic(user: User, links: Links): z.input<typeof UserPublicSchema> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    bio: user.bio,
    avatar: presentImageRef(user.avatar, links),
    createdAt: user.createdAt.toISOString(),
  };
}

export function presentUserPrivate(user: User, links: Links): z.input<typeof UserPrivateSchema> {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    displayName: user.displayName,
    bio: user.bio,
    role: user.role,
    status: user.status,
    avatar: presentImageRef(user.avatar, links),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function presentSession(session: Session, links: Links): z.input<typeof SessionSchema> {
  return {
    user: presentUserPrivate(session.user, links),
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    tokenType: 'Bearer',
    expiresIn: session.expiresIn,
  };
}

export function presentOAuthToken(session: Session): z.input<typeof OAuthTokenSchema> {
  return { access_token: session.accessToken, token_type: 'bearer', expires_in: session.expiresIn, refresh_token: session.refreshToken };
}

export function presentCategory({ category, themeCount }: CategoryWithCount): z.input<typeof CategorySchema> {
  return { id: category.id, slug: category.slug, name: category.name, description: category.description, themeCount };
}

export function presentTheme(view: ThemeView, links: Links): z.input<typeof ThemeSchema> {
  const { theme } = view;
  return {
    id: theme.id,
    slug: theme.slug,
    name: theme.name,
    description: theme.description,
    status: theme.status,
    category: view.category,
    colors: theme.colors.map(presentColor),
    accessibility: { ...theme.accessibility },
    tags: [...theme.tags],
    owner: view.owner,
    cover: presentCover(view.cover, links),
    imageCount: view.imageCount,
    favoriteCount: theme.favoriteCount,
    favorited: view.favorited,
    version: theme.version,
    createdAt: theme.createdAt.toISOString(),
    updatedAt: theme.updatedAt.toISOString(),
  };
}

function presentColor(c: Color): z.input<typeof ColorSchema> {
  return c.role ? { name: c.name, hex: c.hex, role: c.role } : { name: c.name, hex: c.hex };
}

export function presentThemePage(page: Page<ThemeView>, links: Links) {
  return { items: page.items.map((v) => presentTheme(v, links)), nextCursor: page.nextCursor };
}

export function presentImage(image: Image, links: Links): z.input<typeof ImageSchema> {
  return {
    id: image.id,
    themeId: image.themeId,
    kind: image.kind,
    contentType: image.contentType,
    size: image.size,
    width: image.width,
    height: image.height,
    sha256: image.sha256,
    alt: image.alt,
    url: links.api(`/images/${image.id}/content`),
    thumbnailUrl: links.api(`/images/${image.id}/thumbnail`),
    createdAt: image.createdAt.toISOString(),
  };
}

export function presentAuditEvent(event: AuditEvent): z.input<typeof AuditEventSchema> {
  return { ...event, at: event.at.toISOString() };
}

/** A ticket with where to send the file: the store's presigned POST, or the API's own signed URL (same form). */
export function presentUploadTicket({ ticket, destination }: IssuedTicket, links: Links): z.input<typeof UploadTicketSchema> {
  const upload =
    destination.via === 'store'
      ? { method: 'POST' as const, url: destination.url, fields: destination.fields }
      : {
          method: 'POST' as const,
          url: `${links.api(`/uploads/${ticket.id}/content`)}?${new URLSearchParams({
            expires: String(Math.floor(ticket.expiresAt.getTime() / 1000)),
            max: String(ticket.size),
            signature: destination.signature,
          })}`,
          fields: { 'Content-Type': ticket.contentType },
        };
  return {
    id: ticket.id,
    themeId: ticket.themeId,
    kind: ticket.kind,
    maxBytes: ticket.size,
    expiresAt: ticket.expiresAt.toISOString(),
    upload,
    commitUrl: links.api(`/uploads/${ticket.id}/commit`),
  };
}

export function presentSignedInSession(session: SessionView): z.input<typeof SignedInSessionSchema> {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    ip: session.ip,
    userAgent: session.userAgent,
    ...describeUserAgent(session.userAgent),
    current: session.current,
  };
}

export function presentLoginAttempt(attempt: LoginAttempt): z.input<typeof LoginAttemptSchema> {
  return {
    id: attempt.id,
    at: attempt.at.toISOString(),
    outcome: attempt.outcome,
    ip: attempt.ip,
    userAgent: attempt.userAgent,
    ...describeUserAgent(attempt.userAgent),
  };
}

export function presentNotification(n: Notification): z.input<typeof NotificationSchema> {
  return {
    id: n.id,
    kind: n.kind,
    at: n.at.toISOString(),
    actorId: n.actorId,
    themeId: n.themeId,
    data: n.data,
    read: n.readAt !== null,
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export function presentNotificationList(list: NotificationList) {
  return { items: list.items.map(presentNotification), nextCursor: list.nextCursor, unreadCount: list.unreadCount };
}

export function presentLoginAttemptPage(page: Page<LoginAttempt>) {
  return { items: page.items.map(presentLoginAttempt), nextCursor: page.nextCursor };
}

export function presentStatistics(stats: StatisticsView): z.input<typeof StatisticsSchema> {
  return { ...stats, generatedAt: stats.generatedAt.toISOString(), logins: { ...stats.logins, since: stats.logins.since.toISOString() } };
}

export function presentUploadedImage({ image, suggestedColors }: UploadedImage, links: Links): z.input<typeof UploadedImageSchema> {
  return suggestedColors ? { ...presentImage(image, links), suggestedColors: suggestedColors.map(presentSwatch) } : presentImage(image, links);
}

export function presentSwatch(swatch: Swatch): z.input<typeof SwatchSchema> {
  return { hex: swatch.hex, share: round(swatch.share, 4), role: swatch.role };
}

export function presentPaletteExtraction(swatches: Swatch[]): z.input<typeof PaletteExtractionSchema> {
  return { swatches: swatches.map(presentSwatch) };
}

export function presentSimilarThemes(similar: SimilarTheme[], links: Links): z.input<typeof SimilarThemesSchema> {
  return { items: similar.map(({ view, distance }) => ({ distance: round(distance, 4), theme: presentTheme(view, links) })) };
}

const grades = (g: ContrastGrades) => ({ normalText: g.normalText, largeText: g.largeText, uiComponents: g.uiComponents });

export function presentAccessibility({ theme, report }: ThemeAccessibility): z.input<typeof AccessibilityReportSchema> {
  return {
    themeId: theme.id,
    version: theme.version,
    colors: theme.colors.map(presentColor),
    summary: { ...report.summary },
    pairs: report.pairs.map((p) => ({ a: p.a, b: p.b, ratio: displayRatio(p.ratio), ...grades(p.grades) })),
    rolePairs: report.rolePairs.map((p) => ({
      foreground: p.foreground,
      background: p.background,
      use: p.use,
      foregroundHex: p.foregroundHex,
      backgroundHex: p.backgroundHex,
      ratio: displayRatio(p.ratio),
      ...grades(p.grades),
      passes: p.passes,
      fix: p.fix && { role: p.fix.role, from: p.fix.from, aa: p.fix.aa, aaa: p.fix.aaa },
    })),
    colorVision: {
      model: 'Machado, Oliveira & Fernandes 2009, severity 1.0, in linear sRGB',
      threshold: CVD_CONFUSION_THRESHOLD,
      simulated: { ...report.colorVision.simulated },
      warnings: report.colorVision.warnings.map((w) => ({
        type: w.type,
        a: w.a,
        b: w.b,
        // Cut, not rounded, like the ratios: a difference just under the threshold never shows as the threshold.
        normalDeltaE: cut(w.normalDeltaE),
        simulatedDeltaE: cut(w.simulatedDeltaE),
      })),
    },
  };
}

function cut(value: number): number {
  return Math.floor(value * 100) / 100;
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
