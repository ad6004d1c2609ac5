import { expect } from 'chai';
import type { Express } from 'express';
import request from '../support/http.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember, type Member } from '../support/actors.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

type Who = 'anonymous' | 'user' | 'owner' | 'moderator' | 'admin';
const palette = [{ name: 'Deep', hex: '#0b3d91', role: 'primary' }];

for (const profile of PROFILES) {
  describe(`HTTP: themes, categories and favourites (${profile.name})`, () => {
    let runtime: Runtime;
    let app: Express;
    let members: Record<Exclude<Who, 'anonymous'>, Member>;
    const api = (path: string) => `/api/v1${path}`;
    const as = (who: Who, req: request.Test) => (who === 'anonymous' ? req : req.set('Authorization', `Bearer ${members[who].token}`));
    const createTheme = async (body: object = {}) =>
      as('owner', request(app).post(api('/themes'))).send({ name: 'Ocean Breeze', colors: palette, ...body });

    beforeEach(async () => {
      const env = await profile.env();
      runtime = await testRuntime({ env });
      app = testApp(runtime, env);
      members = {
        owner: await aMember(runtime, 'owner'),
        user: await aMember(runtime, 'someone'),
        moderator: await aMember(runtime, 'mod', 'moderator'),
        admin: await aMember(runtime, 'root', 'admin'),
      };
    });
    afterEach(() => runtime.close());

    describe('themes', () => {
      it('POST answers 201 with Location and ETag; GET by id and by slug answers the ETag', async () => {
        const res = await createTheme({ status: 'published' });
        expect(res.status).to.equal(201);
        expect(res.headers.location).to.equal(`http://themes.test/api/v1/themes/${res.body.id}`);
        expect(res.headers.etag).to.equal('"1"');
        expect(res.body).to.include({ slug: 'ocean-breeze', imageCount: 0, favorited: false, version: 1 });
        expect(res.body.cover.url).to.equal(`http://themes.test/api/v1/themes/${res.body.id}/preview.png`);
        const bySlug = await request(app).get(api('/themes/ocean-breeze'));
        expect(bySlug.body.id).to.equal(res.body.id);
        // "<version>-<digest>": the version (what If-Match compares), and whatever else the body shows.
        expect(bySlug.headers.etag).to.match(/^"1-[\w-]+"$/);
      });

      it('PATCH with a stale If-Match answers 412 and changes nothing; a current one answers 200 with the new ETag', async () => {
        const id = (await createTheme()).body.id;
        const ok = await as('owner', request(app).patch(api(`/themes/${id}`)))
          .set('If-Match', '"1"')
          .send({ name: 'Night Sky' });
        expect(ok.status).to.equal(200);
        expect(ok.headers.etag).to.equal('"2"');
        expect(ok.body.slug).to.equal('night-sky');
        for (const stale of ['"1"', 'garbage', 'W/"7"']) {
          const res = await as('owner', request(app).patch(api(`/themes/${id}`)))
            .set('If-Match', stale)
            .send({ name: 'Lost' });
          expect(res.status).to.equal(412);
          expect(res.body.code).to.equal('precondition_failed');
        }
        expect((await as('owner', request(app).get(api(`/themes/${id}`)))).body.name).to.equal('Night Sky');
      });

      it('lists published themes with filters and keyset pages; a forged cursor is 400 invalid_cursor', async () => {
        for (let i = 0; i < 3; i++) await createTheme({ status: 'published', name: `Blue ${i}`, tags: ['blue'] });
        await createTheme({ name: 'Hidden draft', tags: ['blue'] });
        const first = await request(app).get(api('/themes')).query({ tag: 'blue', limit: 2, sort: 'name' });
        expect(first.status).to.equal(200);
        expect(first.body.items.map((t: { name: string }) => t.name)).to.deep.equal(['Blue 0', 'Blue 1']);
        const second = await request(app).get(api('/themes')).query({ tag: 'blue', limit: 2, sort: 'name', cursor: first.body.nextCursor });
        expect(second.body).to.deep.include({ nextCursor: null });
        expect(second.body.items.map((t: { name: string }) => t.name)).to.deep.equal(['Blue 2']);
        const forged = await request(app).get(api('/themes')).query({ tag: 'blue', cursor: `${first.body.nextCursor}x` });
        expect(forged.status).to.equal(400);
        expect(forged.body.code).to.equal('invalid_cursor');
        const mine = await as('owner', request(app).get(api('/themes'))).query({ owner: 'me' });
        expect(mine.body.items).to.have.length(4);
        for (const bad of [{ limit: 0 }, { limit: 101 }, { color: 'blue' }, { sort: 'random' }, { unknown: 1 }])
          expect((await request(app).get(api('/themes')).query(bad)).status, JSON.stringify(bad)).to.equal(422);
      });

      it('favourites: PUT and DELETE answer 204 idempotently; /users/me/favorites lists them', async () => {
        const id = (await createTheme({ status: 'published' })).body.id;
        for (let i = 0; i < 2; i++) expect((await as('user', request(app).put(api(`/themes/${id}/favorite`)))).status).to.equal(204);
        const theme = await as('user', request(app).get(api(`/themes/${id}`)));
        expect(theme.body).to.include({ favoriteCount: 1, favorited: true });
        const favorites = await as('user', request(app).get(api('/users/me/favorites')));
        expect(favorites.body.items.map((t: { id: string }) => t.id)).to.deep.equal([id]);
        expect((await request(app).put(api(`/themes/${id}/favorite`))).status).to.equal(401);
        for (let i = 0; i < 2; i++) expect((await as('user', request(app).delete(api(`/themes/${id}/favorite`)))).status).to.equal(204);
        expect((await request(app).get(api(`/themes/${id}`))).body.favoriteCount).to.equal(0);
        expect((await as('user', request(app).put(api('/themes/00000000-0000-4000-8000-000000000000/favorite')))).status).to.equal(404);
      });

      it('exports CSS and JSON design tokens with their content types', async () => {
        await createTheme({ status: 'published' });
        const css = await request(app).get(api('/themes/ocean-breeze/export')).query({ format: 'css' });
        expect(css.status).to.equal(200);
        expect(css.headers['content-type']).to.equal('text/css; charset=utf-8');
        expect(css.text).to.include(':root {\n  --primary: #0b3d91;');
        const json = await request(app).get(api('/themes/ocean-breeze/export')).query({ format: 'json' });
        expect(json.headers['content-type']).to.equal('application/design-tokens+json; charset=utf-8');
        expect(JSON.parse(json.text).color.deep.$value.hex).to.equal('#0b3d91');
        expect((await request(app).get(api('/themes/ocean-breeze/export')).query({ format: 'pdf' })).status).to.equal(422);
      });
    });

    describe('categories', () => {
      it('moderators create (201, Location), edit and delete; users get 403, anonymous 401', async () => {
        expect((await as('user', request(app).post(api('/categories'))).send({ name: 'Dark' })).status).to.equal(403);
        expect((await request(app).post(api('/categories')).send({ name: 'Dark' })).status).to.equal(401);
        const created = await as('moderator', request(app).post(api('/categories'))).send({ name: 'Dark', description: 'Low light' });
        expect(created.status).to.equal(201);
        expect(created.headers.location).to.equal('http://themes.test/api/v1/categories/dark');
        expect(created.body).to.deep.equal({ id: created.body.id, slug: 'dark', name: 'Dark', description: 'Low light', themeCount: 0 });
        expect((await as('admin', request(app).post(api('/categories'))).send({ name: 'Dark' })).body.code).to.equal('slug_taken');

        await createTheme({ status: 'published', categoryId: created.body.id });
        expect((await request(app).get(api('/categories'))).body.items.map((c: { themeCount: number }) => c.themeCount)).to.deep.equal([1]);
        const patched = await as('moderator', request(app).patch(api(`/categories/${created.body.id}`))).send({ description: 'Night' });
        expect(patched.body).to.include({ description: 'Night', themeCount: 1 });
        const inUse = await as('moderator', request(app).delete(api(`/categories/${created.body.id}`)));
        expect(inUse.status).to.equal(409);
        expect(inUse.body.code).to.equal('category_in_use');
        expect((await request(app).get(api('/categories/nope'))).status).to.equal(404);
        expect((await as('moderator', request(app).patch(api('/categories/not-a-uuid'))).send({ name: 'X' })).status).to.equal(404);
      });
    });
  });
}
