import { expect } from 'chai';
import type { Express } from 'express';
import fc from 'fast-check';
import pg from 'pg';
import request from 'supertest';
import type { CategoryRepo } from '../../application/ports/category-repo.ts';
import type { FavoriteRepo } from '../../application/ports/favorite-repo.ts';
import type { ImageRepo } from '../../application/ports/image-repo.ts';
import type { ThemeRepo } from '../../application/ports/theme-repo.ts';
import type { UserRepo } from '../../application/ports/user-repo.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { aMember, type Member } from '../support/actors.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

type Operation = { method: string; path: string; json: boolean; query: boolean };

const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; drop table users; --",
  '%',
  '_',
  '%_%',
  '\\',
  '\u0000',
  '\u0007\u001b[2J',
  '\ud800',
  '💥'.repeat(50),
  '<script>alert(1)</script>',
  '${7*7}',
  '../../etc/passwd',
  'x'.repeat(100_000),
];

/** JSON text, not objects: `__proto__` and `constructor` keys must reach the server as keys. */
const hostileJson: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'email', 'name', 'colors', 'role')), fc.jsonValue()).map((o) => JSON.stringify(o)),
  fc.record({ key: fc.constantFrom('__proto__', 'constructor'), value: fc.dictionary(fc.string(), fc.jsonValue()) }).map(({ key, value }) => `{"${key}":${JSON.stringify({ polluted: true, ...value })}}`),
  fc.constantFrom(...HOSTILE_STRINGS).map((s) => JSON.stringify({ name: s, email: s, login: s, password: s, username: s, displayName: s, q: s, colors: [{ name: s, hex: s }] })),
  fc.integer({ min: 30, max: 5000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 30, max: 5000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.constantFrom('', '{', '{"a":1,}', 'null', '[]', '"text"', '1e400', '{"a":NaN}'),
);

const hostileQuery = fc.dictionary(
  fc.constantFrom('q', 'tag', 'category', 'owner', 'color', 'sort', 'limit', 'cursor', 'role', 'status', 'actor', 'action', 'format', 'x'),
  fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_STRINGS.map((s) => s.slice(0, 2000)))),
);

const PG_TABLES: Record<string, string> = {
  users: 'id',
  refresh_tokens: 'id',
  categories: 'id',
  themes: 'id',
  theme_colors: 'theme_id, position',
  favorites: 'user_id, theme_id',
  images: 'id',
};

for (const profile of PROFILES)
  describe(`hostile input to every JSON route (${profile.name})`, function () {
    this.timeout(180_000);
    let runtime: Runtime;
    let app: Express;
    let env: Record<string, string>;
    let owner: Member;
    let admin: Member;
    let ids: Record<string, string>;
    let operations: Operation[];

    /** Everything a refused request must leave as it was (audit events of failed logins aside). */
    async function fingerprint(): Promise<string> {
      if (!env.DATABASE_URL) return portsFingerprint();
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        const parts = [];
        for (const [table, order] of Object.entries(PG_TABLES))
          parts.push((await client.query(`select md5(coalesce(string_agg(t::text, '|' order by ${order}), '')) as h from ${table} t`)).rows[0].h);
        return parts.join(',');
      } finally {
        await client.end();
      }
    }

    /** The same, read through the ports: every account with its themes (drafts too), favourites and images, and the categories. */
    async function portsFingerprint(): Promise<string> {
      const get = <T>(id: symbol) => runtime.container.get<T>(id);
      const [themes, favorites, images] = [get<ThemeRepo>(TYPES.ThemeRepo), get<FavoriteRepo>(TYPES.FavoriteRepo), get<ImageRepo>(TYPES.ImageRepo)];
      const all = 100_000;
      const users = await get<UserRepo>(TYPES.UserRepo).search({}, { limit: all });
      const accounts = await Promise.all(
        users.map(async (user) => ({
          user: user.toState(),
          themes: (await themes.search({ words: [], ownerId: user.id, draftsOf: user.id, order: 'newest', limit: all })).map((t) => t.toState()),
          favorites: await favorites.listOf(user.id, { limit: all }),
          images: (await images.listOwnedBy(user.id)).map((i) => i.toState()),
        })),
      );
      const categories = (await get<CategoryRepo>(TYPES.CategoryRepo).listWithCounts()).map((c) => [c.category.toState(), c.themeCount]);
      return JSON.stringify({ accounts, categories });
    }

    before(async () => {
      env = await profile.env();
      runtime = await testRuntime({ env });
      app = testApp(runtime, env);
      owner = await aMember(runtime, 'owner');
      admin = await aMember(runtime, 'root', 'admin');
      const theme = await request(app)
        .post('/api/v1/themes')
        .set('Authorization', `Bearer ${owner.token}`)
        .send({ name: 'Target', status: 'published', colors: [{ name: 'a', hex: '#000000' }] });
      const category = await request(app).post('/api/v1/categories').set('Authorization', `Bearer ${admin.token}`).send({ name: 'Target' });
      ids = { id: theme.body.id, idOrSlug: theme.body.id, slug: category.body.slug, username: 'owner' };
      const document = (await request(app).get('/api/v1/openapi.json')).body as {
        paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; parameters?: { in: string }[] }>>;
      };
      operations = Object.entries(document.paths).flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({
          method,
          path: path.replace('/categories/{id}', `/categories/${category.body.id}`).replace('/admin/users/{id}', `/admin/users/${owner.id}`).replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x'),
          json: Boolean(op.requestBody?.content['application/json']),
          query: (op.parameters ?? []).some((p) => p.in === 'query'),
        })),
      );
      expect(operations.filter((o) => o.json).length).to.be.at.least(11);
    });
    after(() => runtime.close());

    const send = (op: Operation, who: Member | null) => {
      const req = (request(app) as unknown as Record<string, (path: string) => request.Test>)[op.method]!(op.path);
      return who ? req.set('Authorization', `Bearer ${who.token}`) : req;
    };

    const expectRefusalShape = (res: request.Response, what: string) => {
      expect(res.status, `${what} → ${res.status} ${res.text.slice(0, 300)}`).to.be.below(500);
      if (res.status >= 400) {
        expect(res.headers['content-type'], what).to.match(/^application\/problem\+json/);
        expect(res.body.code, what).to.be.a('string');
      }
    };

    it('never answers 5xx, refuses with problem+json, writes nothing when it refuses, pollutes no prototype', async () => {
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      for (const op of operations.filter((o) => o.json)) {
        await fc.assert(
          fc.asyncProperty(hostileJson, fc.constantFrom<Member | null>(owner, admin, null), async (body, who) => {
            const before = await fingerprint();
            const res = await send(op, who).set('Content-Type', 'application/json').send(body);
            const what = `${op.method.toUpperCase()} ${op.path} ${body.slice(0, 120)}`;
            expectRefusalShape(res, what);
            if (res.status >= 400) expect(await fingerprint(), `${what} wrote something`).to.equal(before);
            expect(Object.getOwnPropertyNames(Object.prototype).sort()).to.deep.equal(prototypeKeys);
            expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
          }),
          { numRuns: 12, seed: 20261121 },
        );
      }
    });

    it('keeps query strings with SQL and LIKE wildcards harmless on every route that takes them', async () => {
      for (const op of operations.filter((o) => o.query && o.method === 'get')) {
        await fc.assert(
          fc.asyncProperty(hostileQuery, async (query) => {
            const res = await send(op, admin).query(query);
            expectRefusalShape(res, `GET ${op.path} ${JSON.stringify(query).slice(0, 200)}`);
          }),
          { numRuns: 25, seed: 20261121 },
        );
      }
    });
  });
