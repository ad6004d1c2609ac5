import type { UserRepo } from '../../../application/ports/user-repo.ts';
import { EmailTaken, UsernameTaken } from '../../../domain/errors.ts';
import { User } from '../../../domain/users/user.ts';
import { contextEm, isUuid, translatingUniqueViolations, type Orm } from './orm.ts';

export class MikroOrmUserRepo implements UserRepo {
  constructor(private readonly orm: Orm) {}

  async findById(id: string): Promise<User | null> {
    return isUuid(id) ? contextEm(this.orm).findOne(User, { id }) : null;
  }

  findByEmail(email: string): Promise<User | null> {
    return contextEm(this.orm).findOne(User, { email });
  }

  findByUsername(username: string): Promise<User | null> {
    return contextEm(this.orm).findOne(User, { username });
  }

  async findManyByIds(ids: string[]): Promise<User[]> {
    if (!ids.length) return [];
    return contextEm(this.orm).find(User, { id: { $in: ids } });
  }

  async save(user: User): Promise<void> {
    await translatingUniqueViolations(() => contextEm(this.orm).upsert(User, { ...user }, { onConflictFields: ['id'] }), {
      users_email_unique: () => new EmailTaken(),
      users_username_unique: () => new UsernameTaken(),
    });
  }

  async delete(id: string): Promise<void> {
    await contextEm(this.orm).nativeDelete(User, { id });
  }

  async lockActiveAdminIds(): Promise<string[]> {
    // em.execute runs inside the current transaction, so the row locks last until it ends.
    const rows = await contextEm(this.orm).execute<{ id: string }[]>(`select id from users where role = 'admin' and status = 'active' order by id for update`);
    return rows.map((r) => r.id);
  }
}
