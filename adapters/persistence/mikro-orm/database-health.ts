import type { DatabaseHealth } from '../../../application/ports/database-health.ts';
import type { Orm } from './orm.ts';

export class MikroOrmDatabaseHealth implements DatabaseHealth {
  constructor(private readonly orm: Orm) {}

  async checkReady(): Promise<void> {
    await this.orm.em.getConnection().execute('select 1');
  }
}
