import { NotFound } from '../../domain/errors.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { Cursors, Page } from '../pagination.ts';
import type { LoginAttempt, LoginHistory } from '../ports/login-history.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { loginPage } from '../users/list-logins.ts';

/** Any account's recent sign-in attempts, for administrators. */
export class ListUserLogins {
  constructor(
    private readonly users: UserRepo,
    private readonly history: LoginHistory,
    private readonly cursors: Cursors,
  ) {}

  async execute(actor: Actor, id: string, raw: unknown): Promise<Page<LoginAttempt>> {
    requirePermission(actor, 'users:manage');
    if (!(await this.users.findById(id))) throw new NotFound('user');
    return loginPage(this.history, this.cursors, id, raw);
  }
}
