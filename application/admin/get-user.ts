import { NotFound } from '../../domain/errors.ts';
import type { User } from '../../domain/users/user.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { UserRepo } from '../ports/user-repo.ts';

/** Any account by id, for administrators. */
export class GetUser {
  constructor(private readonly users: UserRepo) {}

  async execute(actor: Actor, id: string): Promise<User> {
    requirePermission(actor, 'users:manage');
    const user = await this.users.findById(id);
    if (!user) throw new NotFound('user');
    return user;
  }
}
