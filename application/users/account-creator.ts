import { EmailTaken, UsernameTaken } from '../../domain/errors.ts';
import type { Role } from '../../domain/users/role.ts';
import { User } from '../../domain/users/user.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UserRepo } from '../ports/user-repo.ts';

export type AccountFields = { email: string; username: string; password: string; displayName?: string | undefined; role: Role };

/** The part of RegisterUser and CreateUser that is the same: check, hash, save. */
export class AccountCreator {
  constructor(
    private readonly users: UserRepo,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  async create(fields: AccountFields): Promise<User> {
    // Checked first for a clear answer; the unique keys in the repo still decide races.
    if (await this.users.findByEmail(fields.email)) throw new EmailTaken();
    if (await this.users.findByUsername(fields.username)) throw new UsernameTaken();
    const passwordHash = await this.hasher.hash(fields.password);
    const user = User.create(
      { id: this.ids.next(), email: fields.email, username: fields.username, passwordHash, displayName: fields.displayName, role: fields.role },
      this.clock.now(),
    );
    await this.users.insert(user);
    return user;
  }
}
