import type { UserCriteria, UserPosition, UserRepo } from '../../../application/ports/user-repo.ts';
import { compare } from '../sorting.ts';
import { EmailTaken, UsernameTaken } from '../../../domain/errors.ts';
import type { User } from '../../../domain/users/user.ts';
import { copyOf, type MemoryDb } from './memory-db.ts';

export class InMemoryUserRepo implements UserRepo {
  constructor(private readonly db: MemoryDb) {}

  private get rows(): Map<string, User> {
    return this.db.table<User>('users');
  }

  async findById(id: string): Promise<User | null> {
    return copyOf(this.rows.get(id) ?? null);
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.find((u) => u.email === email);
  }

  async findByUsername(username: string): Promise<User | null> {
    return this.find((u) => u.username === username);
  }

  async findManyByIds(ids: string[]): Promise<User[]> {
    return ids.flatMap((id) => {
      const user = this.rows.get(id);
      return user ? [copyOf(user)] : [];
    });
  }

  save(user: User): Promise<void> {
    return this.db.write(() => {
      for (const other of this.rows.values()) {
        if (other.id === user.id) continue;
        if (other.email === user.email) throw new EmailTaken();
        if (other.username === user.username) throw new UsernameTaken();
      }
      this.rows.set(user.id, copyOf(user));
    });
  }

  /** Their images go too, as PostgreSQL's foreign key cascades them. */
  delete(id: string): Promise<void> {
    return this.db.write(() => {
      this.rows.delete(id);
      const images = this.db.table<{ ownerId: string }>('images');
      for (const [key, image] of images) if (image.ownerId === id) images.delete(key);
    });
  }

  async search(criteria: UserCriteria, page: { after?: UserPosition | undefined; limit: number }): Promise<User[]> {
    const q = criteria.q?.toLowerCase();
    const newestFirst = (x: UserPosition, y: UserPosition) => y.createdAt.getTime() - x.createdAt.getTime() || compare(y.id, x.id);
    return [...this.rows.values()]
      .filter(
        (u) =>
          (!q || [u.username, u.email, u.displayName.toLowerCase()].some((field) => field.includes(q))) &&
          (!criteria.role || u.role === criteria.role) &&
          (!criteria.status || u.status === criteria.status) &&
          (!page.after || newestFirst(u, page.after) > 0),
      )
      .sort(newestFirst)
      .slice(0, page.limit)
      .map(copyOf);
  }

  async lockActiveAdminIds(): Promise<string[]> {
    return [...this.rows.values()].filter((u) => u.role === 'admin' && u.status === 'active').map((u) => u.id);
  }

  private find(match: (user: User) => boolean): User | null {
    for (const user of this.rows.values()) if (match(user)) return copyOf(user);
    return null;
  }
}
