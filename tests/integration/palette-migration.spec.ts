import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { migrate, openOrm, type Orm } from '../../adapters/persistence/mikro-orm/orm.ts';
import { MikroOrmSimilarPalettes } from '../../adapters/persistence/mikro-orm/similar-palettes.ts';
import { PostgresThemeCatalog } from '../../adapters/persistence/mikro-orm/theme-catalog.ts';
import { MikroOrmThemeRepo } from '../../adapters/persistence/mikro-orm/theme-repo.ts';
import { MikroOrmUserRepo } from '../../adapters/persistence/mikro-orm/user-repo.ts';
import { accessibilitySummary } from '../../domain/color/accessibility.ts';
import { hexToOklab } from '../../domain/color/spaces.ts';
import type { Color } from '../../domain/themes/color.ts';
import { aTheme, aUser } from '../contract/persistence-kit.ts';
import { freshDatabaseUrl } from '../support/services.ts';

/** Themes as the schema before 0007 held them: no summary, no palette columns. */
async function insertOldTheme(orm: Orm, ownerId: string, slug: string, colors: Color[], status = 'published'): Promise<string> {
  const id = randomUUID();
  await orm.em.getConnection().execute(
    `insert into themes (id, owner_id, slug, name, status, colors, version, created_at, updated_at, search_words, sort_name)
     values (?, ?, ?, ?, ?, ?::jsonb, 1, now(), now(), ''::tsvector, ?)`,
    [id, ownerId, slug, slug, status, JSON.stringify(colors), slug],
  );
  return id;
}

describe('PostgreSQL: migration 0007 fills in the palette columns of existing themes', () => {
  let orm: Orm;
  before(async () => {
    orm = await openOrm(await freshDatabaseUrl());
  });
  after(() => orm.close());

  it('computes each theme’s accessibility summary and OKLab palette, so reads and similar themes work at once', async () => {
    await orm.migrator.up({ to: '0006-accounts' });
    const ownerId = randomUUID();
    await orm.em
      .getConnection()
      .execute(`insert into users (id, email, username, password_hash, display_name, role, status, created_at, updated_at) values (?, 'old@example.com', 'old', 'x', 'old', 'user', 'active', now(), now())`, [ownerId]);
    const readable: Color[] = [
      { name: 'Paper', hex: '#ffffff', role: 'background' },
      { name: 'Ink', hex: '#000000', role: 'text' },
    ];
    const alike: Color[] = [
      { name: 'Paper', hex: '#fefefe', role: 'background' },
      { name: 'Ink', hex: '#010101', role: 'text' },
    ];
    const a = await insertOldTheme(orm, ownerId, 'readable', readable);
    const b = await insertOldTheme(orm, ownerId, 'alike', alike);
    await insertOldTheme(orm, ownerId, 'hidden', readable, 'draft');

    expect((await migrate(orm))[0]).to.equal('0007-palette-intelligence');

    const themes = new MikroOrmThemeRepo(orm);
    expect((await themes.findById(a))!.accessibility).to.deep.equal(accessibilitySummary(readable));
    expect((await themes.findById(a))!.accessibility).to.deep.equal({ textContrast: 21, level: 'AAA', cvdSafe: true });
    const found = await new MikroOrmSimilarPalettes(orm).nearest(readable.map((c) => hexToOklab(c.hex)), { excluding: a, limit: 5 });
    expect(found.map((m) => m.themeId)).to.deep.equal([b]);
    const [nulls] = await orm.em
      .getConnection()
      .execute<{ count: string }[]>(`select count(*) as count from themes where accessibility is null or palette_oklab is null`);
    expect(Number(nulls!.count)).to.equal(0);
  });
});

describe('PostgreSQL: migration 0010 fills in the filter columns of existing themes', () => {
  let orm: Orm;
  before(async () => {
    orm = await openOrm(await freshDatabaseUrl());
  });
  after(() => orm.close());

  it('derives level, colour-vision safety and palette size from what each theme stores, and the catalogue filters on them', async () => {
    await orm.migrator.up({ to: '0009-session-generation' });
    const users = new MikroOrmUserRepo(orm);
    const owner = aUser();
    await users.insert(owner);
    const themes = new MikroOrmThemeRepo(orm);
    const paper = { hex: '#ffffff', role: 'background' } as const;
    const readable = aTheme({ ownerId: owner.id, colors: [paper, { hex: '#000000', role: 'text' }] });
    const confusing = aTheme({ ownerId: owner.id, colors: [paper, { hex: '#767676', role: 'text' }, '#d62728', '#2ca02c'] });
    const roleless = aTheme({ ownerId: owner.id, colors: ['#123456'] });
    for (const theme of [readable, confusing, roleless]) await themes.insert(theme);

    expect((await migrate(orm))[0]).to.equal('0010-palette-filters');

    const rows = await orm.em
      .getConnection()
      .execute<{ id: string; accessibility_level: string | null; cvd_safe: boolean; color_count: number }[]>(`select id, accessibility_level, cvd_safe, color_count from themes`);
    const byId = new Map(rows.map(({ id, ...columns }) => [id, columns]));
    expect(byId.get(readable.id)).to.deep.equal({ accessibility_level: 'AAA', cvd_safe: true, color_count: 2 });
    expect(byId.get(confusing.id)).to.deep.equal({ accessibility_level: 'AA', cvd_safe: false, color_count: 4 });
    expect(byId.get(roleless.id)).to.deep.equal({ accessibility_level: null, cvd_safe: true, color_count: 1 });
    const catalog = new PostgresThemeCatalog(orm);
    const found = await catalog.search({ words: [], order: 'newest', limit: 10, minimumLevel: 'AA', cvdSafe: false, colorCount: 4 });
    expect(found.map((v) => v.theme.id)).to.deep.equal([confusing.id]);
  });
});
