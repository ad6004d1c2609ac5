import type { AuditLog } from '../../application/ports/audit-log.ts';
import type { CategoryRepo } from '../../application/ports/category-repo.ts';
import type { FavoriteRepo } from '../../application/ports/favorite-repo.ts';
import type { ThemeRepo } from '../../application/ports/theme-repo.ts';
import { Category } from '../../domain/categories/category.ts';
import { Theme, type ThemeStatus } from '../../domain/themes/theme.ts';
import type { RefreshTokenRepo } from '../../application/ports/refresh-token-repo.ts';
import type { Transaction } from '../../application/ports/transaction.ts';
import type { UploadTicketRepo } from '../../application/ports/upload-ticket-repo.ts';
import type { UserRepo } from '../../application/ports/user-repo.ts';
import { User } from '../../domain/users/user.ts';
import type { Role } from '../../domain/users/role.ts';
import { randomUUID } from 'node:crypto';

/** The persistence ports of one adapter, on an empty store. */
export type PersistenceKit = {
  users: UserRepo;
  refreshTokens: RefreshTokenRepo;
  audit: AuditLog;
  categories: CategoryRepo;
  themes: ThemeRepo;
  favorites: FavoriteRepo;
  uploadTickets: UploadTicketRepo;
  tx: Transaction;
  /** Runs work as one unit (a request): the ORM's EntityManager scope, or nothing for memory. */
  scope<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type MakeKit = () => Promise<PersistenceKit>;

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
  colors?: string[];
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
      colors: (props.colors ?? ['#112233']).map((hex, i) => ({ name: `c${i}`, hex, role: null })),
      tags: props.tags ?? [],
    },
    props.createdAt ?? T0,
  );
}
