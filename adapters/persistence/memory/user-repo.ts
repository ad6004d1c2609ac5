import type { UserCriteria, UserPosition, UserRepo } from '../../../application/ports/user-repo.ts';
import { EmailTaken, NotFound, UsernameTaken } from '../../../domain/errors.ts';
import { User, type UserState } from '../../../domain/users/user.ts';
import { compare } from '../sorting.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class InMemoryUserRepo implements UserRepo {
  constructor(private readonly db: MemoryDatabase) {}

  private get rows() {
    return this.db.tables.users;
  }

  async findById(id: string): Promise<User | null> {
    return restore(this.rows.get(id));
  }

  async findByEmail(email: string): Promise<User | null> {
    return restore(this.rows.find((u) => u.email === email));
  }

  async findByUsername(username: string): Promise<User | null> {
    return restore(this.rows.find((u) => u.username === username));
  }

  insert(user: User): Promise<void> {
    return this.db.write(() => this.put(user.toState()));
  }

  update(user: User): Promise<void> {
    return this.db.write(() => {
      const stored = this.rows.get(user.id);
      if (!stored) throw new NotFound('user');
      this.put({ ...stored, ...user.changes() });
    });
  }

  /** Their tokens, themes, favourites and images go too (the database's relations). */
  delete(id: string): Promise<void> {
    return this.db.write(() => void this.db.delete('users', (u) => u.id === id));
  }

  async search(criteria: UserCriteria, page: { after?: UserPosition | undefined; limit: number }): Promise<User[]> {
    const q = criteria.q?.toLowerCase();
    const newestFirst = (x: UserPosition, y: UserPosition) => y.createdAt.getTime() - x.createdAt.getTime() || compare(y.id, x.id);
    return this.rows
      .filter(
        (u) =>
          (!q || [u.username, u.email, u.displayName.toLowerCase()].some((field) => field.includes(q))) &&
          (!criteria.role || u.role === criteria.role) &&
          (!criteria.status || u.status === criteria.status) &&
          (!page.after || newestFirst(u, page.after) > 0),
      )
      .sort(newestFirst)
      .slice(0, page.limit)
      .map(User.restore);
  }

  recordLogin(id: string, at: Date): Promise<User | null> {
    // Writes are serialised with transactions: a disable is wholly before or after this.
    return this.db.write(() => {
      const stored = this.rows.get(id);
      if (stored?.status !== 'active') return null;
      const stamped = { ...stored, lastLoginAt: at };
      this.rows.put(stamped);
      return User.restore(stamped);
    });
  }

  /** Writes a row, refusing the unique keys another account holds (as PostgreSQL's constraints do). */
  private put(state: UserState): void {
    const others = this.rows.filter((other) => other.id !== state.id);
    if (others.some((other) => other.email === state.email)) throw new EmailTaken();
    if (others.some((other) => other.username === state.username)) throw new UsernameTaken();
    this.rows.put(state);
  }

  async lockActiveAdminIds(): Promise<string[]> {
    // Memory transactions run one at a time: the lock is implicit.
    return this.rows.filter((u) => u.role === 'admin' && u.status === 'active').map((u) => u.id);
  }
}

function restore(row: Parameters<typeof User.restore>[0] | undefined): User | null {
  return row ? User.restore(row) : null;
}
