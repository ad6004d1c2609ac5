import { z } from 'zod';
import { ROLES, USER_STATUSES } from '../../domain/users/role.ts';
import type { User } from '../../domain/users/user.ts';
import { requirePermission, type Actor } from '../actor.ts';
import { PageInput, type Cursors, type Page } from '../pagination.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { parseInput, text } from '../validation.ts';

export const ListUsersInput = z.strictObject({
  q: text().trim().max(100).optional().meta({ description: 'part of the username, email or display name' }),
  role: z.enum(ROLES).optional(),
  status: z.enum(USER_STATUSES).optional(),
  ...PageInput,
});

const Position = z.strictObject({ c: z.iso.datetime(), i: z.uuid() });

/** Every account, newest first, for administrators. */
export class ListUsers {
  constructor(
    private readonly users: UserRepo,
    private readonly cursors: Cursors,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<Page<User>> {
    requirePermission(actor, 'users:manage');
    const { q, role, status, limit, cursor } = parseInput(ListUsersInput, raw);
    const signature = { users: { q: q?.toLowerCase(), role, status } };
    const after = cursor ? this.cursors.decode(signature, cursor, Position) : undefined;
    return this.cursors.page(
      signature,
      limit,
      (n) => this.users.search({ q, role, status }, { after: after && { createdAt: new Date(after.c), id: after.i }, limit: n }),
      (u) => ({ c: u.createdAt.toISOString(), i: u.id }),
    );
  }
}
