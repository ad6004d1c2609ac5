import type { FavoriteKey, FavoriteRepo } from '../../../application/ports/favorite-repo.ts';
import { compare } from '../sorting.ts';
import type { MemoryDb } from './memory-db.ts';

type Favorite = { userId: string; themeId: string; at: Date };

export class InMemoryFavoriteRepo implements FavoriteRepo {
  constructor(private readonly db: MemoryDb) {}

  private get rows(): Map<string, Favorite> {
    return this.db.table<Favorite>('favorites');
  }

  add(userId: string, themeId: string, at: Date): Promise<boolean> {
    return this.db.write(() => {
      const key = `${userId}/${themeId}`;
      if (this.rows.has(key)) return false;
      this.rows.set(key, { userId, themeId, at: new Date(at) });
      return true;
    });
  }

  remove(userId: string, themeId: string): Promise<boolean> {
    return this.db.write(() => this.rows.delete(`${userId}/${themeId}`));
  }

  async favoritedAmong(userId: string, themeIds: string[]): Promise<Set<string>> {
    return new Set(themeIds.filter((id) => this.rows.has(`${userId}/${id}`)));
  }

  async listOf(userId: string, page: { after?: FavoriteKey | undefined; limit: number }): Promise<FavoriteKey[]> {
    const newestFirst = (x: FavoriteKey, y: FavoriteKey) => y.at.getTime() - x.at.getTime() || compare(y.themeId, x.themeId);
    return [...this.rows.values()]
      .filter((f) => f.userId === userId && (!page.after || newestFirst(f, page.after) > 0))
      .sort(newestFirst)
      .slice(0, page.limit)
      .map((f) => ({ at: new Date(f.at), themeId: f.themeId }));
  }

  removeAllOf(userId: string): Promise<string[]> {
    return this.db.write(() => {
      const removed = [...this.rows.values()].filter((f) => f.userId === userId);
      for (const f of removed) this.rows.delete(`${f.userId}/${f.themeId}`);
      return removed.map((f) => f.themeId);
    });
  }
}
