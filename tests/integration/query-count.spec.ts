import { expect } from 'chai';
import { ANONYMOUS, userActor } from '../../application/actor.ts';
import { MikroOrmCategoryRepo } from '../../adapters/persistence/mikro-orm/category-repo.ts';
import { MikroOrmFavoriteRepo } from '../../adapters/persistence/mikro-orm/favorite-repo.ts';
import { migrate, openOrm, requestScope, type Orm } from '../../adapters/persistence/mikro-orm/orm.ts';
import { MikroOrmThemeRepo } from '../../adapters/persistence/mikro-orm/theme-repo.ts';
import { MikroOrmUserRepo } from '../../adapters/persistence/mikro-orm/user-repo.ts';
import { MikroOrmImageRepo } from '../../adapters/persistence/mikro-orm/image-repo.ts';
import { Cursors } from '../../application/pagination.ts';
import { SearchThemes } from '../../application/themes/search-themes.ts';
import { ThemeViews } from '../../application/themes/theme-views.ts';
import { HmacCursorSealer } from '../../adapters/security/hmac-cursor-sealer.ts';
import { aCategory, aTheme, aUser, T0 } from '../contract/persistence-kit.ts';
import { freshDatabaseUrl } from '../support/services.ts';

describe('PostgreSQL: a page of themes costs a fixed number of queries', () => {
  let orm: Orm;
  let statements: string[] = [];
  let search: SearchThemes;
  let viewerId: string;

  before(async () => {
    orm = await openOrm(await freshDatabaseUrl(), { onQuery: (line) => statements.push(line) });
    await migrate(orm);
    const users = new MikroOrmUserRepo(orm);
    const categories = new MikroOrmCategoryRepo(orm);
    const themes = new MikroOrmThemeRepo(orm);
    const favorites = new MikroOrmFavoriteRepo(orm);
    const viewer = aUser();
    await users.insert(viewer);
    viewerId = viewer.id;
    const dark = aCategory('dark');
    await categories.save(dark);
    // 30 themes by 10 owners, half of them favourited by the viewer.
    const owners = Array.from({ length: 10 }, () => aUser());
    for (const owner of owners) await users.insert(owner);
    for (let i = 0; i < 30; i++) {
      const theme = aTheme({ ownerId: owners[i % 10]!.id, categoryId: i % 2 ? dark.id : null, colors: ['#112233', '#445566', '#778899'] });
      await themes.insert(theme);
      if (i % 2) await favorites.add(viewer.id, theme.id, T0);
    }
    search = new SearchThemes(themes, categories, users, new ThemeViews(users, categories, favorites, new MikroOrmImageRepo(orm)), new Cursors(new HmacCursorSealer('x'.repeat(32))));
  });
  after(() => orm.close());

  const count = async (limit: number, signedIn: boolean) => {
    statements = [];
    const page = await requestScope(orm)(() => search.execute(signedIn ? userActor(viewerId, 'user') : ANONYMOUS, { limit: String(limit) }));
    expect(page.items).to.have.length(limit);
    return statements.filter((s) => /select|insert|update|delete/i.test(s)).length;
  };

  it('the same for 10 themes as for 25, with owners, categories, palettes and favourite flags', async () => {
    const small = await count(10, true);
    const large = await count(25, true);
    expect(large).to.equal(small);
    // ids, themes, owners, categories, favourite flags, image summaries (and covers, when there are any).
    expect(large).to.be.at.most(7);
    expect(await count(25, false)).to.be.at.most(large);
  });
});
