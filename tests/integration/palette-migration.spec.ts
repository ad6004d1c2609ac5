import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { migrate, openOrm, type Orm } from '../../adapters/persistence/mikro-orm/orm.ts';
import { MikroOrmSimilarPalettes } from '../../adapters/persistence/mikro-orm/similar-palettes.ts';
import { MikroOrmThemeRepo } from '../../adapters/persistence/mikro-orm/theme-repo.ts';
import { accessibilitySummary } from '../../domain/color/accessibility.ts';
import { hexToOklab } from '../../domain/color/spaces.ts';
import type { Color } from '../../domain/themes/color.ts';
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
