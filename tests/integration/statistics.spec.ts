import { expect } from 'chai';
import { migrate, openOrm } from '../../adapters/persistence/mikro-orm/orm.ts';
import { PLANNER_ROWS } from '../support/planner.ts';
import { freshDatabaseUrl } from '../support/services.ts';


describe('planner statistics after migrations', () => {
  it('every table is analysed once the migrations ran, so the planner does not guess', async () => {
    const orm = await openOrm(await freshDatabaseUrl());
    try {
      await migrate(orm);
      const tables = await orm.em.getConnection().execute<{ table: string; rows: number }[]>(PLANNER_ROWS);
      expect(tables.map((t) => t.table)).to.include.members(['users', 'themes', 'images']);
      expect(tables.filter((t) => t.rows < 0)).to.deep.equal([]);
    } finally {
      await orm.close();
    }
  });
});
