import type { FavoriteKey, FavoriteRepo } from '../../../application/ports/favorite-repo.ts';
import { compare } from '../sorting.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class InMemoryFavoriteRepo implements FavoriteRepo {
  constructor(private readonly db: MemoryDatabase) {}

  private get rows() {
    return this.db.tables.favorites;
  }

  add(userId: string, themeId: string, at: Date): Promise<boolean> {
    return this.db.write(() => {
      if (this.rows.has(`${userId}/${themeId}`)) return false;
      this.rows.put({ userId, themeId, at });
      return true;
    });
  }

  remove(userId: string, themeId: string): Promise<boolean> {
    return this.db.write(() => this.db.delete('favorites', (f) => f.userId === userId && f.themeId === themeId).length > 0);
  }

  async favoritedAmong(userId: string, themeIds: string[]): Promise<Set<string>> {
    return new Set(themeIds.filter((id) => this.rows.has(`${userId}/${id}`)));
  }

  async listOf(userId: string, page: { after?: FavoriteKey | undefined; limit: number }): Promise<FavoriteKey[]> {
    const newestFirst = (x: FavoriteKey, y: FavoriteKey) => y.at.getTime() - x.at.getTime() || compare(y.themeId, x.themeId);
    return this.rows
      .filter((f) => f.userId === userId && (!page.after || newestFirst(f, page.after) > 0))
      .sort(newestFirst)
      .slice(0, page.limit)
      .map((f) => ({ at: f.at, themeId: f.themeId }));
  }

  removeAllOf(userId: string): Promise<string[]> {
    return this.db.write(() => this.db.delete('favorites', (f) => f.userId === userId).map((f) => f.themeId));
  }
}
