import type { FavoriteRepo } from '../../../application/ports/favorite-repo.ts';
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

  removeAllOf(userId: string): Promise<string[]> {
    return this.db.write(() => this.db.delete('favorites', (f) => f.userId === userId).map((f) => f.themeId));
  }
}
