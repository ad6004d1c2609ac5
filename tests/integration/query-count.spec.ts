import { expect } from 'chai';
import type { Express } from 'express';
import request from '../support/http.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember } from '../support/actors.ts';
import { testApp, testRuntime } from '../support/runtime.ts';
import { ANONYMOUS, userActor } from '../../application/actor.ts';
import { MikroOrmCategoryRepo } from '../../adapters/persistence/mikro-orm/category-repo.ts';
import { MikroOrmFavoriteRepo } from '../../adapters/persistence/mikro-orm/favorite-repo.ts';
import { MikroOrmImageRepo } from '../../adapters/persistence/mikro-orm/image-repo.ts';
import { migrate, openOrm, requestScope, type Orm } from '../../adapters/persistence/mikro-orm/orm.ts';
import { PostgresThemeCatalog } from '../../adapters/persistence/mikro-orm/theme-catalog.ts';
import { MikroOrmThemeRepo } from '../../adapters/persistence/mikro-orm/theme-repo.ts';
import { MikroOrmUserRepo } from '../../adapters/persistence/mikro-orm/user-repo.ts';
import { HmacCursorSealer } from '../../adapters/security/hmac-cursor-sealer.ts';
import type { Actor } from '../../application/actor.ts';
import { Cursors } from '../../application/pagination.ts';
import { GetTheme } from '../../application/themes/get-theme.ts';
import { ListFavorites } from '../../application/themes/list-favorites.ts';
import { SearchThemes } from '../../application/themes/search-themes.ts';
import { Image } from '../../domain/images/image.ts';
import { aCategory, aTheme, aUser, T0 } from '../contract/persistence-kit.ts';
import { freshDatabaseUrl } from '../support/services.ts';

describe('PostgreSQL: a page or a detail of themes is one statement', () => {
  let orm: Orm;
  let statements: string[] = [];
  let search: SearchThemes;
  let get: GetTheme;
  let favorites: ListFavorites;
  let viewer: Actor;
  let firstId: string;

  before(async () => {
    orm = await openOrm(await freshDatabaseUrl(), { onQuery: (line) => statements.push(line) });
    await migrate(orm);
    const users = new MikroOrmUserRepo(orm);
    const categories = new MikroOrmCategoryRepo(orm);
    const themes = new MikroOrmThemeRepo(orm);
    const favoriteRepo = new MikroOrmFavoriteRepo(orm);
    const images = new MikroOrmImageRepo(orm);
    const someone = aUser();
    await users.insert(someone);
    viewer = userActor(someone.id, 'user');
    const dark = aCategory('dark');
    await categories.save(dark);
    // 30 themes by 10 owners, half in a category, a third with a cover, half favourited by the viewer.
    const owners = Array.from({ length: 10 }, () => aUser());
    for (const owner of owners) await users.insert(owner);
    for (let i = 0; i < 30; i++) {
      const theme = aTheme({ ownerId: owners[i % 10]!.id, categoryId: i % 2 ? dark.id : null, colors: ['#112233', '#445566', '#778899'], tags: ['t1'] });
      await themes.insert(theme);
      firstId ??= theme.id;
      if (i % 3 === 0)
        await images.insert(
          Image.create({ id: crypto.randomUUID(), themeId: theme.id, ownerId: theme.ownerId, kind: 'cover', contentType: 'image/png', size: 1, width: 1, height: 1, sha256: 'x', alt: '', thumbnailSize: 1, thumbnailSha256: 'y', createdAt: T0 }),
        );
      if (i % 2) await favoriteRepo.add(someone.id, theme.id, new Date());
    }
    const catalog = new PostgresThemeCatalog(orm);
    const cursors = new Cursors(new HmacCursorSealer('x'.repeat(32)));
    search = new SearchThemes(catalog, cursors);
    get = new GetTheme(catalog);
    favorites = new ListFavorites(catalog, cursors);
  });
  after(() => orm.close());

  const count = async <T>(read: () => Promise<T>): Promise<{ result: T; statements: number }> => {
    statements = [];
    const result = await requestScope(orm)(read);
    return { result, statements: statements.filter((s) => /select|insert|update|delete/i.test(s)).length };
  };

  for (const [who, actor] of [
    ['anonymous', () => ANONYMOUS],
    ['signed in', () => viewer],
  ] as const) {
    it(`a page of 10 or 25 themes, filtered or not, with everything a view shows (${who}): one statement`, async () => {
      for (const query of [{ limit: '10' }, { limit: '25' }, { limit: '25', category: 'dark', tag: 't1', q: 'theme', color: '#112233', cvdSafe: 'true', colors: '3', sort: '-favorites' }]) {
        const { result, statements } = await count(() => search.execute(actor(), query));
        expect(result.items.length, JSON.stringify(query)).to.be.greaterThan(5);
        expect(result.items.some((v) => v.cover) && result.items.some((v) => v.category)).to.equal(true);
        expect(statements, JSON.stringify(query)).to.equal(1);
      }
    });

    it(`a detail by id or by slug (${who}): one statement`, async () => {
      const byId = await count(() => get.execute(actor(), firstId));
      expect(byId.statements).to.equal(1);
      const bySlug = await count(() => get.execute(actor(), byId.result.theme.slug));
      expect(bySlug.result.theme.id).to.equal(firstId);
      expect(bySlug.statements).to.equal(1);
    });
  }

  it('a page of the viewer’s favourites: one statement', async () => {
    const { result, statements } = await count(() => favorites.execute(viewer, { limit: '10' }));
    expect(result.items).to.have.length(10);
    expect(result.items.every((v) => v.favorited)).to.equal(true);
    expect(statements).to.equal(1);
  });
});

describe('PostgreSQL through HTTP: statements per read, authentication included', () => {
  for (const cache of ['off', 'on'] as const)
    describe(`CACHE=${cache}`, () => {
      let runtime: Runtime;
      let app: Express;
      let statements: string[] = [];
      let token: string;
      let id: string;

      before(async () => {
        const env = { DATABASE_URL: await freshDatabaseUrl(), JWT_SECRET: 'a-test-secret-that-is-long-enough-to-use', CACHE: cache };
        runtime = await testRuntime({ env, onQuery: (sql) => statements.push(sql) });
        app = testApp(runtime, env);
        const member = await aMember(runtime, 'reader');
        token = member.token;
        for (let i = 0; i < 25; i++)
          id = (await request(app).post('/api/v1/themes').set('Authorization', `Bearer ${token}`).send({ name: `Theme ${i}`, status: 'published', colors: [{ name: 'a', hex: '#123456' }] })).body.id;
        await request(app).put(`/api/v1/themes/${id}/favorite`).set('Authorization', `Bearer ${token}`);
      });
      after(() => runtime.close());

      const count = async (path: string, signedIn: boolean) => {
        const req = request(app).get(path);
        if (signedIn) req.set('Authorization', `Bearer ${token}`);
        statements = [];
        const res = await req;
        expect(res.status, res.text).to.equal(200);
        return statements.filter((s) => /select|insert|update|delete/i.test(s)).length;
      };

      for (const signedIn of [false, true])
        it(`${signedIn ? 'signed in' : 'anonymous'}: one statement for a page or a detail built, none when served from the cache, none for the token`, async () => {
          for (const path of ['/api/v1/themes?limit=20', `/api/v1/themes/${id}`, '/api/v1/themes?limit=20&sort=name&q=theme']) {
            // The first read warms the token's user and, with CACHE=on, the body and the reader's favourite flags.
            const first = await count(path, signedIn);
            const again = await count(path, signedIn);
            if (cache === 'off') expect(again, path).to.equal(1);
            else {
              // Built (the page's statement) or already cached, and for a signed-in reader one lookup of their flags on it.
              expect(first, path).to.be.at.most(signedIn ? 2 : 1);
              expect(again, path).to.equal(0);
            }
          }
        });
    });
});
