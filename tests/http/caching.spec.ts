import { expect } from 'chai';
import type { Express } from 'express';
import request from '../support/http.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember, type Member } from '../support/actors.ts';
import { anImage } from '../support/images.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

const PUBLIC = 'public, max-age=0, must-revalidate';
const PRIVATE = 'private, max-age=0, must-revalidate';
const IMMUTABLE = 'public, max-age=31536000, immutable';
type Operation = { responses: Record<string, { headers?: Record<string, unknown> }>; parameters?: { name: string; in: string }[]; security?: unknown[] };

/** Conditional GET and Cache-Control on every read route (API.md, Caching), with the cache on and off. */
for (const profile of PROFILES)
  for (const cache of ['on', 'off'])
    describe(`HTTP caching headers and conditional GET (${profile.name}, CACHE=${cache})`, () => {
      let runtime: Runtime;
      let app: Express;
      let owner: Member;
      let admin: Member;
      let paths: Record<string, string>;
      let document: { paths: Record<string, Record<string, Operation>> };
      const get = (path: string, who: Member | null = null) => {
        const req = request(app).get(path);
        return who ? req.set('Authorization', `Bearer ${who.token}`) : req;
      };

      before(async () => {
        const env = { ...(await profile.env()), CACHE: cache };
        runtime = await testRuntime({ env });
        app = testApp(runtime, env);
        owner = await aMember(runtime, 'owner');
        admin = await aMember(runtime, 'root', 'admin');
        const category = (await request(app).post('/api/v1/categories').set('Authorization', `Bearer ${admin.token}`).send({ name: 'Dark' })).body;
        const theme = (
          await request(app)
            .post('/api/v1/themes')
            .set('Authorization', `Bearer ${owner.token}`)
            .send({ name: 'Ocean', status: 'published', categoryId: category.id, colors: [{ name: 'a', hex: '#000000' }] })
        ).body;
        const image = (await request(app).post(`/api/v1/themes/${theme.id}/images`).set('Authorization', `Bearer ${owner.token}`).attach('file', await anImage('png', 20, 20), 'a.png')).body;
        paths = { '{idOrSlug}': theme.slug, '{id}': theme.id, '{category}': category.slug, '{username}': 'owner' };
        paths.image = image.id;
        document = (await request(app).get('/api/v1/openapi.json')).body;
      });
      after(() => runtime.close());

      /** Every GET route of the OpenAPI document, with real ids in its path. */
      const reads = () =>
        Object.entries(document.paths)
          .filter(([, ops]) => ops.get)
          .map(([path, ops]) => ({
            template: path,
            op: ops.get!,
            path: path.startsWith('/api/v1/images/') ? path.replace('{id}', paths.image!) : path.replace(/\{\w+\}/g, (name) => paths[name] ?? name),
          }));

      it('every public read: an ETag, public to anonymous readers, private with a token, 304 to a matching If-None-Match, all documented', async () => {
        const revalidated = reads().filter(({ op }) => op.responses['304']);
        expect(revalidated.map((r) => r.template)).to.include.members([
          '/api/v1/themes',
          '/api/v1/themes/{idOrSlug}',
          '/api/v1/themes/{idOrSlug}/images',
          '/api/v1/images/{id}',
          '/api/v1/categories',
          '/api/v1/categories/{category}',
          '/api/v1/users/{username}',
        ]);
        for (const { template, path, op } of revalidated) {
          expect(Object.keys(op.responses['200']!.headers ?? {}), template).to.include.members(['ETag', 'Cache-Control']);
          expect(op.parameters?.map((p) => p.name), template).to.include('If-None-Match');
          // Files made from a theme (export, preview, accessibility) keep their own rule: `public|private, no-cache`
          // by the theme's status, revalidated every time; a published image's bytes never change (immutable);
          // the rest say what API.md says.
          const declared = Boolean((op.responses['200']!.headers!['Cache-Control'] as { schema?: { enum?: unknown } }).schema?.enum);
          for (const who of [null, owner]) {
            // A route that never reads the token answers alike to everyone: public.
            const expected = declared ? (who && op.security?.length ? PRIVATE : PUBLIC) : template.startsWith('/api/v1/images/') ? IMMUTABLE : 'public, no-cache';
            const first = await get(path, who);
            expect(first.status, `${template}: ${(first.text ?? '').slice(0, 200)}`).to.equal(200);
            expect(first.headers['cache-control'], template).to.equal(expected);
            expect(first.headers.etag, template).to.match(/^(W\/)?"[^"]+"$/);
            const again = await get(path, who).set('If-None-Match', first.headers.etag!);
            expect(again.status, template).to.equal(304);
            expect(again.text ?? '', template).to.equal('');
            expect(again.headers.etag, template).to.equal(first.headers.etag);
            expect(again.headers['cache-control'], template).to.equal(expected);
            expect((await get(path, who).set('If-None-Match', '"something-else"')).status, template).to.equal(200);
          }
        }
      });

      it('private resources (/users/me…, /admin/…) say no-store, reads and writes alike, and document it', async () => {
        const reads = [
          ['/api/v1/users/me', owner],
          ['/api/v1/users/me/favorites', owner],
          ['/api/v1/admin/users', admin],
          ['/api/v1/admin/audit', admin],
        ] as const;
        for (const [path, who] of reads) {
          const res = await get(path, who);
          expect(res.status, path).to.equal(200);
          expect(res.headers['cache-control'], path).to.equal('no-store');
          expect(Object.keys(document.paths[path]!.get!.responses['200']!.headers ?? {}), path).to.include('Cache-Control');
        }
        const patched = await request(app).patch('/api/v1/users/me').set('Authorization', `Bearer ${owner.token}`).send({ bio: 'hi' });
        expect(patched.headers['cache-control']).to.equal('no-store');
        // Refused for want of a token: still never stored.
        expect((await get('/api/v1/users/me')).headers['cache-control']).to.equal('no-store');
        // Session answers carry tokens.
        const login = await request(app).post('/api/v1/auth/login').send({ login: 'owner', password: 'correct horse battery' });
        expect(login.headers['cache-control']).to.equal('no-store');
      });

      it('ETags change with the body: a favourite, a new theme; the signed-in copy differs from the shared one', async () => {
        const detail = `/api/v1/themes/${paths['{id}']}`;
        const [beforeDetail, beforeList] = [await get(detail), await get('/api/v1/themes')];
        await request(app).put(`${detail}/favorite`).set('Authorization', `Bearer ${admin.token}`);
        const [afterDetail, afterList] = [await get(detail), await get('/api/v1/themes')];
        expect(afterDetail.body.favoriteCount).to.equal(beforeDetail.body.favoriteCount + 1);
        expect(afterDetail.headers.etag).to.not.equal(beforeDetail.headers.etag);
        expect(afterList.headers.etag).to.not.equal(beforeList.headers.etag);
        // The version is unchanged, so the ETag still satisfies If-Match.
        expect(afterDetail.headers.etag).to.match(new RegExp(`^"${beforeDetail.body.version}-`));
        expect((await get(detail).set('If-None-Match', beforeDetail.headers.etag!)).status).to.equal(200);
        const mine = await get(detail, admin);
        expect(mine.body.favorited).to.equal(true);
        expect(mine.headers.etag).to.not.equal(afterDetail.headers.etag);
        expect((await get(detail, admin).set('If-None-Match', mine.headers.etag!)).status).to.equal(304);
        expect((await get(detail, admin).set('If-None-Match', afterDetail.headers.etag!)).status).to.equal(200);
        const patched = await request(app).patch(detail).set('Authorization', `Bearer ${owner.token}`).set('If-Match', afterDetail.headers.etag!).send({ description: 'new' });
        expect(patched.status).to.equal(200);
        await request(app).post('/api/v1/themes').set('Authorization', `Bearer ${owner.token}`).send({ name: 'Another', status: 'published', colors: [{ name: 'a', hex: '#000000' }] });
        expect((await get('/api/v1/themes').set('If-None-Match', afterList.headers.etag!)).status).to.equal(200);
      });

      it('image content keeps its own rules: immutable for published themes', async () => {
        const res = await get(`/api/v1/images/${paths.image}/content`);
        expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
        expect((await get(`/api/v1/images/${paths.image}/content`).set('If-None-Match', res.headers.etag!)).status).to.equal(304);
      });
    });
