import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../application/ports/audit-log.ts';
import type { ChangeFeed } from '../../application/ports/change-feed.ts';
import type { EventLog } from '../../application/ports/event-log.ts';
import type { CategoryRepo } from '../../application/ports/category-repo.ts';
import type { DatabaseHealth } from '../../application/ports/database-health.ts';
import type { FavoriteRepo } from '../../application/ports/favorite-repo.ts';
import type { ImageRepo } from '../../application/ports/image-repo.ts';
import type { LoginHistory } from '../../application/ports/login-history.ts';
import type { LoginThrottle } from '../../application/ports/login-throttle.ts';
import type { NotificationRepo } from '../../application/ports/notification-repo.ts';
import type { ObjectCleanup } from '../../application/ports/object-cleanup.ts';
import type { RateLimiter } from '../../application/ports/rate-limiter.ts';
import type { FavoritesLookup } from '../../application/ports/favorites-lookup.ts';
import type { ThemeCatalog } from '../../application/ports/theme-catalog.ts';
import type { UserAccessReader } from '../../application/ports/user-access.ts';
import type { RefreshTokenRepo } from '../../application/ports/refresh-token-repo.ts';
import type { StatisticsQuery } from '../../application/ports/statistics.ts';
import type { ThemeRepo } from '../../application/ports/theme-repo.ts';
import type { SimilarPalettes } from '../../application/ports/similar-palettes.ts';
import type { Transaction } from '../../application/ports/transaction.ts';
import type { UploadTicketRepo } from '../../application/ports/upload-ticket-repo.ts';
import type { UserRepo } from '../../application/ports/user-repo.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import type { Token } from '../../bootstrap/wiring.ts';
import { Category } from '../../domain/categories/category.ts';
import { Image, type ImageKind } from '../../domain/images/image.ts';
import type { ColorRole } from '../../domain/themes/color.ts';
import { Theme, type ThemeStatus } from '../../domain/themes/theme.ts';
import type { Role } from '../../domain/users/role.ts';
import { User } from '../../domain/users/user.ts';
import { testRuntime, type Profile } from '../support/runtime.ts';
import { dropDatabase } from '../support/services.ts';

/** The persistence ports of one profile as the real container binds them, on an empty store. */
export type PersistenceKit = {
  users: UserRepo;
  refreshTokens: RefreshTokenRepo;
  audit: AuditLog;
  categories: CategoryRepo;
  themes: ThemeRepo;
  similar: SimilarPalettes;
  favorites: FavoriteRepo;
  images: ImageRepo;
  catalog: ThemeCatalog;
  favoritesLookup: FavoritesLookup;
  userAccess: UserAccessReader;
  events: EventLog;
  feed: ChangeFeed;
  notifications: NotificationRepo;
  cleanup: ObjectCleanup;
  uploadTickets: UploadTicketRepo;
  limiter: RateLimiter;
  throttle: LoginThrottle;
  health: DatabaseHealth;
  history: LoginHistory;
  statistics: StatisticsQuery;
  tx: Transaction;
  /** Runs work as one unit (a request): the ORM's EntityManager scope, or nothing for memory. */
  scope<T>(work: () => Promise<T>): Promise<T>;
  /** Takes the store away for good (PostgreSQL: the database is dropped); absent where a store cannot go. */
  outage?: () => Promise<void>;
  close(): Promise<void>;
};

export type MakeKit = () => Promise<PersistenceKit>;

/**
 * A kit from the real bootstrap: the memory profile, or a fresh PostgreSQL database. Adapters come
 * from the container by their port's token, never by their class, so suites hold whatever is bound.
 */
export function kitOn(profile: Profile): MakeKit {
  return async () => {
    const env = await profile.env();
    const runtime = await testRuntime({ env });
    const port = <T>(token: Token<T>): T => runtime.container.get<T>(token);
    return {
      users: port(TYPES.UserRepo),
      refreshTokens: port(TYPES.RefreshTokenRepo),
      audit: port(TYPES.AuditLog),
      categories: port(TYPES.CategoryRepo),
      themes: port(TYPES.ThemeRepo),
      similar: port(TYPES.SimilarPalettes),
      favorites: port(TYPES.FavoriteRepo),
      images: port(TYPES.ImageRepo),
      catalog: port(TYPES.ThemeCatalog),
      favoritesLookup: port(TYPES.FavoritesLookup),
      userAccess: port(TYPES.UserAccess),
      events: port(TYPES.EventLog),
      feed: port(TYPES.ChangeFeed),
      notifications: port(TYPES.NotificationRepo),
      cleanup: port(TYPES.ObjectCleanup),
      uploadTickets: port(TYPES.UploadTicketRepo),
      limiter: port(TYPES.RateLimiter),
      throttle: port(TYPES.LoginThrottle),
      history: port(TYPES.LoginHistory),
      statistics: port(TYPES.StatisticsQuery),
      health: port(TYPES.DatabaseHealth),
      tx: port(TYPES.Transaction),
      scope: runtime.scope,
      ...(env.DATABASE_URL ? { outage: () => dropDatabase(env.DATABASE_URL!) } : {}),
      close: () => runtime.close(),
    };
  };
}

export const T0 = new Date('2026-11-21T12:00:00.000Z');

export function aUser(overrides: { username?: string; email?: string; role?: Role } = {}): User {
  const username = overrides.username ?? `u${randomUUID().slice(0, 8)}`;
  return User.create({ id: randomUUID(), email: overrides.email ?? `${username}@example.com`, username, passwordHash: 'hash', role: overrides.role ?? 'user' }, T0);
}

export function aCategory(slug: string, name = slug): Category {
  return Category.create({ id: randomUUID(), slug, name, description: '' }, T0);
}

export type ThemeProps = {
  ownerId: string;
  name?: string;
  slug?: string;
  description?: string;
  status?: ThemeStatus;
  categoryId?: string | null;
  /** Hex values (no role), or colours with a role. */
  colors?: (string | { hex: string; role: ColorRole })[];
  tags?: string[];
  createdAt?: Date;
};

export function aTheme(props: ThemeProps): Theme {
  const name = props.name ?? `Theme ${randomUUID().slice(0, 6)}`;
  return Theme.create(
    {
      id: randomUUID(),
      ownerId: props.ownerId,
      slug: props.slug ?? `t-${randomUUID().slice(0, 12)}`,
      name,
      description: props.description ?? '',
      status: props.status ?? 'published',
      categoryId: props.categoryId ?? null,
      colors: (props.colors ?? ['#112233']).map((color, i) => (typeof color === 'string' ? { name: `c${i}`, hex: color, role: null } : { name: `c${i}`, ...color })),
      tags: props.tags ?? [],
    },
    props.createdAt ?? T0,
  );
}

export function anImageRecord(props: { ownerId: string; themeId: string | null; kind?: ImageKind; createdAt?: Date }): Image {
  const id = randomUUID();
  return Image.create({
    id,
    themeId: props.themeId,
    ownerId: props.ownerId,
    kind: props.kind ?? (props.themeId ? 'preview' : 'avatar'),
    contentType: 'image/png',
    size: 1234,
    width: 64,
    height: 48,
    sha256: 'a'.repeat(64),
    alt: 'a picture',
    thumbnailSize: 321,
    thumbnailSha256: 'b'.repeat(64),
    createdAt: props.createdAt ?? T0,
  });
}

/** Saves `n` users and returns their ids: the owners and readers the catalogue suites need. */
export async function savedUserIds(kit: PersistenceKit, n: number): Promise<string[]> {
  const users = Array.from({ length: n }, () => aUser());
  for (const user of users) await kit.users.insert(user);
  return users.map((u) => u.id);
}

/** Inserts a theme built by aTheme and returns it. */
export async function insertTheme(kit: PersistenceKit, props: ThemeProps): Promise<Theme> {
  const theme = aTheme(props);
  await kit.themes.insert(theme);
  return theme;
}

export const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** The kit of a suite: one object, filled with a fresh kit before each test and closed after it. */
export function kitPerTest(make: MakeKit): PersistenceKit {
  const kit = {} as PersistenceKit;
  beforeEach(async () => void Object.assign(kit, await make()));
  afterEach(() => kit.close());
  return kit;
}
