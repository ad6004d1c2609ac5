import { expect } from 'chai';
import type { Express } from 'express';
import fc from 'fast-check';
import pg from 'pg';
import request from '../support/http.ts';
import type { CategoryRepo } from '../../application/ports/category-repo.ts';
import type { ImageRepo } from '../../application/ports/image-repo.ts';
import type { ThemeCatalog } from '../../application/ports/theme-catalog.ts';
import type { UserRepo } from '../../application/ports/user-repo.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { aMember, type Member } from '../support/actors.ts';
import { operationsOf } from '../support/openapi-validator.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; enum?: unknown[]; const?: unknown; format?: string };
type OperationDoc = { requestBody?: { content: Record<string, { schema: JsonSchema; example?: unknown }> }; parameters?: { in: string; name: string }[] };
type Operation = {
  method: string;
  /** With the setup's ids in place of every `{param}`. */
  path: string;
  template: string;
  json: boolean;
  query: boolean;
  queryNames: string[];
  body?: { mediaType: string; schema: JsonSchema; example?: unknown };
};

/** Any string with a NUL character somewhere in it. */
const withNul = fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([a, b]) => `${a}\u0000${b}`);

/** The paths of the free-text strings of a body schema (`name`, `tags.0`, `colors.0.name`): enums, constants and formats aside. */
function stringPaths(schema: JsonSchema, prefix: (string | number)[] = []): (string | number)[][] {
  if (schema.enum || schema.const !== undefined || schema.format) return [];
  if (schema.type === 'string') return [prefix];
  const paths: (string | number)[][] = [];
  for (const option of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) paths.push(...stringPaths(option, prefix));
  for (const [name, property] of Object.entries(schema.properties ?? {})) paths.push(...stringPaths(property, [...prefix, name]));
  if (schema.items) paths.push(...stringPaths(schema.items, [...prefix, 0]));
  return paths;
}

/** `base` with `value` at `path`, arrays and objects made on the way. */
function withValueAt(base: unknown, path: (string | number)[], value: unknown): Record<string, unknown> {
  const root = structuredClone((base ?? {}) as Record<string, unknown>);
  let node: Record<string | number, unknown> = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else node = (node[key] ??= typeof path[i + 1] === 'number' ? [] : {}) as Record<string | number, unknown>;
  });
  return root;
}

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
      const [catalog, images] = [get<ThemeCatalog>(TYPES.ThemeCatalog), get<ImageRepo>(TYPES.ImageRepo)];
      const all = 100_000;
      const users = await get<UserRepo>(TYPES.UserRepo).search({}, { limit: all });
      const accounts = await Promise.all(
        users.map(async (user) => ({
          user: user.toState(),
          themes: (await catalog.search({ words: [], ownerId: user.id, draftsOf: user.id, order: 'newest', limit: all })).map((v) => v.theme),
          favorites: (await catalog.favoritesOf({ userId: user.id, moderates: true }, { limit: all })).map((f) => [f.theme.id, f.favoritedAt]),
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
      ids = { id: theme.body.id, idOrSlug: theme.body.id, username: 'owner' };
      const document = (await request(app).get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      operations = operationsOf<OperationDoc>(document).map(({ path, method, operation: op }) => {
        const [mediaType, body] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
        const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        return {
          method,
          template: path,
          path: path
            // Categories are read by slug and changed by id.
            .replace('/categories/{category}', `/categories/${method === 'get' ? category.body.slug : category.body.id}`)
            .replace('/admin/users/{id}', `/admin/users/${owner.id}`)
            .replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x'),
          json: mediaType === 'application/json',
          query: queryNames.length > 0,
          queryNames,
          ...(mediaType && body ? { body: { mediaType, schema: body.schema, example: body.example } } : {}),
        };
      });
      expect(operations.filter((o) => o.json).length).to.be.at.least(11);
    });
    after(() => runtime.close());

    const send = (op: Operation, who: Member | null) => {
      const req = (request(app) as unknown as Record<string, (path: string) => request.Test>)[op.method]!(op.path);
      return who ? req.set('Authorization', `Bearer ${who.token}`) : req;
    };

    const expectRefusalShape = (res: request.Response, what: string) => {
      // Binary answers (PNG previews) have no text.
      expect(res.status, `${what} → ${res.status} ${(res.text ?? "").slice(0, 300)}`).to.be.below(500);
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

    it('refuses a NUL in any free-text field of any JSON or form body with 422 naming the field, and writes nothing', async () => {
      const checked: string[] = [];
      const before = await fingerprint();
      for (const op of operations.filter((o) => o.body && o.body.mediaType !== 'multipart/form-data')) {
        const { mediaType, schema, example } = op.body!;
        const form = mediaType === 'application/x-www-form-urlencoded';
        // The OAuth2 form: each grant with its other fields filled in.
        const grants: Record<string, object> = { password: { username: 'owner', password: 'any password' }, refresh_token: { refresh_token: 'any token' } };
        const variants = form ? (schema.oneOf ?? []).map((grant) => ({ grant_type: grant.properties!.grant_type!.const, ...grants[String(grant.properties!.grant_type!.const)] })) : [example];
        for (const [i, base] of variants.entries())
          for (const path of stringPaths(form ? schema.oneOf![i]! : schema).filter((p) => p[0] !== 'scope')) {
            checked.push(`${op.method.toUpperCase()} ${op.template} ${path.join('.')}`);
            await fc.assert(
              fc.asyncProperty(withNul, async (value) => {
                const body = withValueAt(base, path, value);
                const res = await send(op, admin).type(form ? 'form' : 'json').send(body);
                const what = `${op.method.toUpperCase()} ${op.path} ${JSON.stringify(body)}`;
                expect(res.status, `${what} → ${res.text.slice(0, 300)}`).to.equal(422);
                expect(res.body.errors.map((e: { path: string }) => e.path), what).to.include(path.join('.'));
              }),
              { numRuns: 3, seed: 20261121 },
            );
          }
      }
      expect(await fingerprint(), 'a refused request wrote something').to.equal(before);
      for (const field of ['POST /api/v1/auth/login login', 'POST /api/v1/auth/register username', 'PATCH /api/v1/users/me bio', 'POST /api/v1/themes colors.0.name', 'POST /api/v1/themes tags.0', 'POST /api/v1/auth/token username'])
        expect(checked).to.include(field);
    });

    it('refuses a NUL in any query parameter (422 naming it) and in any path identifier (404), never 5xx', async () => {
      for (const op of operations.filter((o) => o.method === 'get' && o.query))
        for (const name of op.queryNames)
          await fc.assert(
            fc.asyncProperty(withNul, async (value) => {
              const res = await send(op, admin).query({ [name]: value });
              const what = `GET ${op.path}?${name}=${JSON.stringify(value)}`;
              expect(res.status, `${what} → ${res.text.slice(0, 300)}`).to.equal(422);
              expect(res.body.errors.map((e: { path: string }) => e.path), what).to.include(name);
            }),
            { numRuns: 3, seed: 20261121 },
          );
      const withParams = operations.filter((o) => /\{\w+\}/.test(o.template));
      expect(withParams.length).to.be.at.least(15);
      for (const op of withParams)
        for (const param of op.template.match(/\{\w+\}/g)!)
          await fc.assert(
            fc.asyncProperty(withNul, async (value) => {
              const path = op.template.replace(param, encodeURIComponent(value)).replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x');
              const res = await send({ ...op, path }, admin);
              const what = `${op.method.toUpperCase()} ${path}`;
              expectRefusalShape(res, what);
              // Reads answer 404. Writes sent without their body may refuse that first (400), and a
              // signed upload URL its signature (403); the admin sending them may do everything else.
              expect(res.status, `${what} → ${res.text.slice(0, 300)}`).to.be.oneOf(op.method === 'get' ? [404] : [400, 403, 404]);
            }),
            { numRuns: 3, seed: 20261121 },
          );
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
