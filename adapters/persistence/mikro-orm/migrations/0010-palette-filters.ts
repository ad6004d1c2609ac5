import { Migration } from '@mikro-orm/migrations';

/**
 * The search filters on a theme's palette (`accessible`, `cvdSafe`, `colors`) as stored columns generated from
 * what every write already stores (the palette and its accessibility summary): adding them fills them in for
 * existing rows, and no writer can let them fall out of step. Each index serves its filter in the default order
 * (newest first) as one ordered range; under other orders, or with several filters, the planner starts from the
 * most selective of them (tests/integration/palette-filters-plan.spec.ts shows the plans).
 */
export class Migration0010PaletteFilters extends Migration {
  override name = '0010-palette-filters';

  override up(): void {
    this.addSql(`
      alter table themes
        -- 'AAA', 'AA' or 'fail'; null without text and background roles.
        add column accessibility_level text generated always as (accessibility ->> 'level') stored,
        add column cvd_safe boolean not null generated always as ((accessibility -> 'cvdSafe')::boolean) stored,
        add column color_count smallint not null generated always as (jsonb_array_length(colors)::smallint) stored`);
    this.addSql(`create index themes_level_idx on themes (status, accessibility_level, created_at desc, id desc)`);
    this.addSql(`create index themes_cvd_safe_idx on themes (status, cvd_safe, created_at desc, id desc)`);
    this.addSql(`create index themes_color_count_idx on themes (status, color_count, created_at desc, id desc)`);
  }

  override down(): void {
    // Dropping the columns drops their indexes.
    this.addSql(`alter table themes drop column color_count, drop column cvd_safe, drop column accessibility_level`);
  }
}
