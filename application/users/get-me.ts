import { Unauthenticated } from '../../domain/errors.ts';
import type { User } from '../../domain/users/user.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { UserRepo } from '../ports/user-repo.ts';

export class GetMe {
  constructor(private readonly users: UserRepo) {}

  async execute(actor: Actor): Promise<User> {
    const user = await this.users.findById(requireUser(actor).userId);
    if (!user) throw new Unauthenticated();
    return user;
  }
}
