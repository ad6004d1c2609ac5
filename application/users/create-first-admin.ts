import { EmailTaken, UsernameTaken } from '../../domain/errors.ts';
import type { User } from '../../domain/users/user.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { parseInput } from '../validation.ts';
import { CreateUserInput, type CreateUser } from './create-user.ts';

export const CreateFirstAdminInput = CreateUserInput.omit({ role: true });

/**
 * The first admin of a new installation (FIRST_ADMIN_* at start): created, through CreateUser and so
 * audited, only while there is no admin at all, so it happens once; later starts change nothing, even
 * when the password was changed since. Returns the new admin, or null when there already was one.
 */
export class CreateFirstAdmin {
  constructor(
    private readonly users: UserRepo,
    private readonly createUser: CreateUser,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<User | null> {
    requirePermission(actor, 'users:manage');
    const input = parseInput(CreateFirstAdminInput, raw);
    if (await this.anyAdmin()) return null;
    try {
      return await this.createUser.execute(actor, { ...input, role: 'admin' });
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if ((error instanceof EmailTaken || error instanceof UsernameTaken) && (await this.anyAdmin())) return null;
      throw error;
    }
  }

  private async anyAdmin(): Promise<boolean> {
    return (await this.users.search({ role: 'admin' }, { limit: 1 })).length > 0;
  }
}
