import type { UserCriteria, UserPosition, UserRepo } from '../../../application/ports/user-repo.ts';
import { EmailTaken, NotFound, UsernameTaken } from '../../../domain/errors.ts';
import { User, type UserState } from '../../../domain/users/user.ts';
import { contextEm, isUuid, translatingUniqueViolations, type Orm } from './orm.ts';
import { UserSchema } from './schemas/user.ts';

const UNIQUE_KEYS = { users_email_unique: () => new EmailTaken(), users_username_unique: () => new UsernameTaken() };

export class MikroOrmUserRepo implements UserRepo {
  constructor(private readonly orm: Orm) {}

  async findById(id: string): Promise<User | null> {
    return isUuid(id) ? this.findOne({ id }) : null;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.findOne({ email });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.findOne({ username });
  }

  private async findManyByIds(ids: string[]): Promise<User[]> {
    if (!ids.length) return [];
    return (await contextEm(this.orm).find(UserSchema, { id: { $in: ids } })).map(User.restore);
  }

  async insert(user: User): Promise<void> {
    await translatingUniqueViolations(() => contextEm(this.orm).insert(UserSchema, user.toState()), UNIQUE_KEYS);
  }

  async update(user: User): Promise<void> {
    const changes = user.changes();
    if (!Object.keys(changes).length) return;
    // Only the changed columns: a concurrent change of any other column is not written back.
    const changed = await translatingUniqueViolations(() => contextEm(this.orm).nativeUpdate(UserSchema, { id: user.id }, changes), UNIQUE_KEYS);
    if (changed === 0) throw new NotFound('user');
  }

  async recordLogin(id: string, at: Date): Promise<User | null> {
    // The condition is checked on the row as committed: an update waits for a concurrent disable's
    // transaction and then sees its status. The row lock it takes lasts until the caller's transaction ends.
    const stamped = await contextEm(this.orm).nativeUpdate(UserSchema, { id, status: 'active' }, { lastLoginAt: at });
    return stamped ? this.findById(id) : null;
  }

  async delete(id: string): Promise<void> {
    await contextEm(this.orm).nativeDelete(UserSchema, { id });
  }

  async search(criteria: UserCriteria, page: { after?: UserPosition | undefined; limit: number }): Promise<User[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    // strpos, not LIKE: the words are plain text, so % and _ in them match only themselves.
    const q = criteria.q?.toLowerCase();
    if (q) add(`(strpos(username, ?) > 0 or strpos(email, ?) > 0 or strpos(lower(display_name), ?) > 0)`, q, q, q);
    if (criteria.role) add('role = ?', criteria.role);
    if (criteria.status) add('status = ?', criteria.status);
    if (page.after) add('(created_at, id) < (?, ?)', page.after.createdAt, page.after.id);
    const em = contextEm(this.orm);
    const rows = await em.execute<{ id: string }[]>(
      `select id from users ${where.length ? `where ${where.join(' and ')}` : ''} order by created_at desc, id desc limit ?`,
      [...params, page.limit],
    );
    const byId = new Map((await this.findManyByIds(rows.map((r) => r.id))).map((u) => [u.id, u]));
    return rows.flatMap((r) => (byId.has(r.id) ? [byId.get(r.id)!] : []));
  }

  async lockActiveAdminIds(): Promise<string[]> {
    // em.execute runs inside the current transaction, so the row locks last until it ends.
    const rows = await contextEm(this.orm).execute<{ id: string }[]>(`select id from users where role = 'admin' and status = 'active' order by id for update`);
    return rows.map((r) => r.id);
  }

  private async findOne(where: Partial<Pick<UserState, 'id' | 'email' | 'username'>>): Promise<User | null> {
    const row = await contextEm(this.orm).findOne(UserSchema, where);
    return row && User.restore(row);
  }
}
