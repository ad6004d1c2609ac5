import { Migration } from '@mikro-orm/migrations';
import type { Color } from '../../../../domain/themes/color.ts';
import { backfilledPaletteColumns } from '../palette-columns.ts';
import { update } from '../statements.ts';

/**
 * Columns derived from each theme's palette, written with every theme from now on (theme-repo.ts): its
 * accessibility summary, and what the similar-themes search needs. Existing rows are filled in here, by the same
 * code that writes new ones, before the columns become required.
 */
export class Migration0007PaletteIntelligence extends Migration {
  override name = '0007-palette-intelligence';

  override async up(): Promise<void> {
    // execute(), not addSql(): the statements must run in order with the backfill between them.
    await this.execute(`
      alter table themes
        add column accessibility jsonb,
        -- Each colour's OKLab l, a, b in palette order, for ranking by palette distance.
        add column palette_oklab float8[]`);
    const rows = (await this.execute(`select id, colors from themes`)) as { id: string; colors: Color[] }[];
    for (const row of rows) {
      const write = update('themes', backfilledPaletteColumns(row.colors), { id: row.id });
      await this.execute(write.sql, write.params);
    }
    await this.execute(`
      alter table themes
        alter column accessibility set not null,
        alter column palette_oklab set not null`);
  }

  override async down(): Promise<void> {
    await this.execute(`alter table themes drop column palette_oklab, drop column accessibility`);
  }
}
