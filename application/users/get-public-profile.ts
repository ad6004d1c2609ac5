import { NotFound } from '../../domain/errors.ts';
import type { User } from '../../domain/users/user.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { parsePathKey } from '../validation.ts';

export class GetPublicProfile {
  constructor(private readonly users: UserRepo) {}

  async execute(username: string): Promise<User> {
    const user = await this.users.findByUsername(parsePathKey(username, 'user'));
    // A disabled account is hidden from the public, as if it did not exist.
    if (!user?.isActive()) throw new NotFound('user');
    return user;
  }
}
