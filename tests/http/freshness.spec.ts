import { expect } from 'chai';
import type { Express } from 'express';
import pg from 'pg';
import request from '../support/http.ts';
import type { ChangeFeed } from '../../application/ports/change-feed.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { aMember, type Member } from '../support/actors.ts';
import { anImage } from '../support/images.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

const PASSWORD = 'correct horse battery';
const palette = [{ name: 'Deep', hex: '#0b3d91' }];
type Body = Record<string, unknown> & { items?: Record<string, unknown>[] };
type Who = Member | null;

/**
 * "A change is visible to the very next read, on any instance": two apps with their own caches
 * (on PostgreSQL, two runtimes on one database, each with its own listener), caches warmed by the
 * reads below, then a change through one app, then the next read through each.
 */
for (const profile of PROFILES)
  describe(`freshness of cached reads after every kind of change (${profile.name})`, function () {
    this.timeout(60_000);
    const instances: { name: string; runtime: Runtime; app: Express }[] = [];
    let owner: Member;
    let reader: Member;
    let admin: Member;
    let env: Record<string, string>;
    const api = (path: string) => `/api/v1${path}`;
    const a = () => instances[0]!.app;
    const get = (app: Express, path: string, who: Who = null) => {
      const req = request(app).get(api(path));
      return who ? req.set('Authorization', `Bearer ${who.token}`) : req;
    };
    const send = (who: Member, req: request.Test) => req.set('Authorization', `Bearer ${who.token}`);
    /** Reads `path` as `who` on every instance, twice (the second from the cache), and returns the bodies of the first instance. */
    const warm = async (path: string, who: Who = null) => {
      for (const { app } of instances) for (let i = 0; i < 2; i++) expect((await get(app, path, who)).status, path).to.be.oneOf([200, 404]);
    };
    /** The next read of `path` as `who` on each instance. */
    const everywhere = async (path: string, who: Who = null): Promise<{ status: number; body: Body; instance: string }[]> =>
      Promise.all(
        instances.map(async ({ app, name }) => {
          const res = await get(app, path, who);
          return { status: res.status, body: res.body as Body, instance: name };
        }),
      );
    const names = (body: Body) => (body.items ?? []).map((t) => t.name);
    const theme = async (body: object) => (await send(owner, request(a()).post(api('/themes'))).send({ colors: palette, ...body })).body as { id: string; slug: string };

    beforeEach(async () => {
      env = await profile.env();
      const first = await testRuntime({ env });
      instances.push({ name: 'A', runtime: first, app: testApp(first, env) });
      // The memory profile is one instance: a second app on it has a cache of its own, fed by the same feed.
      const second = profile.name === 'memory' ? first : await testRuntime({ env });
      instances.push({ name: 'B', runtime: second, app: testApp(second, env) });
      owner = await aMember(first, 'owner');
      reader = await aMember(first, 'reader');
      admin = await aMember(first, 'root', 'admin');
    });
    afterEach(async () => {
      for (const runtime of new Set(instances.map((i) => i.runtime))) await runtime.close();
      instances.length = 0;
    });

    it('theme edits, publication, unpublication and deletion: lists, details, search and owner pages, anonymous and signed in', async () => {
      const { id, slug } = await theme({ name: 'Ocean', status: 'published', tags: ['sea'] });
      const pages = ['/themes', '/themes?tag=sea', '/themes?q=ocean', '/themes?q=forest', '/themes?owner=owner', `/themes/${id}`, `/themes/${slug}`];
      for (const path of pages) for (const who of [null, reader]) await warm(path, who);

      await send(owner, request(a()).patch(api(`/themes/${id}`))).send({ name: 'Forest', description: 'green' });
      for (const who of [null, reader]) {
        for (const read of await everywhere('/themes', who)) expect(names(read.body), read.instance).to.deep.equal(['Forest']);
        for (const read of await everywhere('/themes?q=ocean', who)) expect(names(read.body), read.instance).to.deep.equal([]);
        for (const read of await everywhere('/themes?q=forest', who)) expect(names(read.body), read.instance).to.deep.equal(['Forest']);
        for (const read of await everywhere('/themes?owner=owner', who)) expect(names(read.body), read.instance).to.deep.equal(['Forest']);
        for (const read of await everywhere(`/themes/${id}`, who)) expect(read.body, read.instance).to.include({ name: 'Forest', description: 'green', version: 2 });
      }

      // Back to a draft: gone from every public body, and 404 to others.
      await send(owner, request(a()).patch(api(`/themes/${id}`))).send({ status: 'draft' });
      for (const who of [null, reader]) {
        for (const read of await everywhere('/themes', who)) expect(names(read.body), read.instance).to.deep.equal([]);
        for (const read of await everywhere('/themes?tag=sea', who)) expect(names(read.body), read.instance).to.deep.equal([]);
        for (const read of await everywhere(`/themes/${id}`, who)) expect(read.status, read.instance).to.equal(404);
      }
      for (const read of await everywhere(`/themes/${id}`, owner)) expect(read.body, read.instance).to.include({ status: 'draft' });
      // The owner's own view of the draft is never kept for others.
      for (const read of await everywhere(`/themes/${id}`)) expect(read.status, read.instance).to.equal(404);

      await send(owner, request(a()).patch(api(`/themes/${id}`))).send({ status: 'published' });
      for (const read of await everywhere('/themes')) expect(names(read.body), read.instance).to.deep.equal(['Forest']);
      await send(owner, request(a()).delete(api(`/themes/${id}`)));
      for (const read of await everywhere('/themes')) expect(names(read.body), read.instance).to.deep.equal([]);
      for (const read of await everywhere(`/themes/${slug}`)) expect(read.status, read.instance).to.equal(404);
    });

    it('a new theme appears on the next page read, everywhere, and a draft never does', async () => {
      await theme({ name: 'First', status: 'published' });
      for (const who of [null, reader]) await warm('/themes', who);
      await theme({ name: 'Hidden', status: 'draft' });
      await theme({ name: 'Second', status: 'published' });
      for (const who of [null, reader, owner]) for (const read of await everywhere('/themes', who)) expect(names(read.body), read.instance).to.deep.equal(['Second', 'First']);
      for (const read of await everywhere('/themes?owner=me', owner)) expect(names(read.body), read.instance).to.deep.equal(['Second', 'Hidden', 'First']);
    });

    it('favourites: counts everywhere, flags for the reader, the favourites page, and the most-favourited order', async () => {
      const one = await theme({ name: 'One', status: 'published' });
      await theme({ name: 'Two', status: 'published' });
      for (const path of ['/themes', '/themes?sort=-favorites', `/themes/${one.id}`]) for (const who of [null, reader]) await warm(path, who);
      await warm('/users/me/favorites', reader);

      await send(reader, request(a()).put(api(`/themes/${one.id}/favorite`)));
      for (const read of await everywhere(`/themes/${one.id}`)) expect(read.body, read.instance).to.include({ favoriteCount: 1, favorited: false });
      for (const read of await everywhere(`/themes/${one.id}`, reader)) expect(read.body, read.instance).to.include({ favoriteCount: 1, favorited: true });
      for (const read of await everywhere('/themes?sort=-favorites', reader)) {
        expect(names(read.body), read.instance).to.deep.equal(['One', 'Two']);
        expect(read.body.items!.map((t) => t.favorited), read.instance).to.deep.equal([true, false]);
      }
      for (const read of await everywhere('/themes')) expect(read.body.items!.map((t) => [t.name, t.favoriteCount, t.favorited]), read.instance).to.deep.equal([['Two', 0, false], ['One', 1, false]]);
      for (const read of await everywhere('/users/me/favorites', reader)) expect(names(read.body), read.instance).to.deep.equal(['One']);

      await send(reader, request(a()).delete(api(`/themes/${one.id}/favorite`)));
      for (const read of await everywhere(`/themes/${one.id}`, reader)) expect(read.body, read.instance).to.include({ favoriteCount: 0, favorited: false });
      for (const read of await everywhere('/users/me/favorites', reader)) expect(names(read.body), read.instance).to.deep.equal([]);
    });

    it('the owner’s name and avatar, a category’s name, and a new cover show at once', async () => {
      const category = (await send(admin, request(a()).post(api('/categories'))).send({ name: 'Dark' })).body as { id: string; slug: string };
      const { id } = await theme({ name: 'Ocean', status: 'published', categoryId: category.id });
      for (const path of ['/themes', `/themes/${id}`, '/themes?category=dark', '/categories', '/categories/dark', '/users/owner']) await warm(path);

      await send(owner, request(a()).patch(api('/users/me'))).send({ displayName: 'Captain' });
      for (const path of ['/themes', `/themes/${id}`]) for (const read of await everywhere(path)) expect(JSON.stringify(read.body), `${path} on ${read.instance}`).to.include('"displayName":"Captain"');
      for (const read of await everywhere('/users/owner')) expect(read.body, read.instance).to.include({ displayName: 'Captain', avatar: null });

      await send(owner, request(a()).put(api('/users/me/avatar'))).attach('file', await anImage('png', 24, 24), 'me.png');
      for (const read of await everywhere('/users/owner')) expect(read.body.avatar, read.instance).to.include({ width: 24, height: 24 });

      await send(admin, request(a()).patch(api(`/categories/${category.id}`))).send({ name: 'Night', slug: 'night' });
      for (const read of await everywhere(`/themes/${id}`)) expect(read.body.category, read.instance).to.deep.equal({ id: category.id, slug: 'night', name: 'Night' });
      for (const read of await everywhere('/themes?category=dark')) expect(names(read.body), read.instance).to.deep.equal([]);
      for (const read of await everywhere('/themes?category=night')) expect(names(read.body), read.instance).to.deep.equal(['Ocean']);
      for (const read of await everywhere('/categories')) expect(read.body.items!.map((c) => [c.name, c.themeCount]), read.instance).to.deep.equal([['Night', 1]]);
      for (const read of await everywhere('/categories/dark')) expect(read.status, read.instance).to.equal(404);

      await send(owner, request(a()).post(api(`/themes/${id}/images`))).field('kind', 'cover').attach('file', await anImage('png', 30, 20), 'c.png');
      for (const path of ['/themes', `/themes/${id}`])
        for (const read of await everywhere(path)) {
          const shown = (read.body.items?.[0] ?? read.body) as { cover: { width: number } | null; imageCount: number };
          expect([shown.cover?.width, shown.imageCount], `${path} on ${read.instance}`).to.deep.equal([30, 1]);
        }
      // Unpublishing changes the category's count of published themes.
      await send(owner, request(a()).patch(api(`/themes/${id}`))).send({ status: 'draft' });
      for (const read of await everywhere('/categories/night')) expect(read.body.themeCount, read.instance).to.equal(0);
    });

    it('a deleted account takes its themes out of every body, and favourite counts it gave with it', async () => {
      const other = await aMember(instances[0]!.runtime, 'other');
      const kept = (await send(other, request(a()).post(api('/themes'))).send({ name: 'Kept', status: 'published', colors: palette })).body as { id: string };
      await theme({ name: 'Gone', status: 'published' });
      await send(owner, request(a()).put(api(`/themes/${kept.id}/favorite`)));
      for (const path of ['/themes', `/themes/${kept.id}`, '/users/owner']) await warm(path);
      await send(admin, request(a()).delete(api(`/admin/users/${owner.id}`)));
      for (const read of await everywhere('/themes')) expect(read.body.items!.map((t) => [t.name, t.favoriteCount]), read.instance).to.deep.equal([['Kept', 0]]);
      for (const read of await everywhere(`/themes/${kept.id}`)) expect(read.body.favoriteCount, read.instance).to.equal(0);
      for (const read of await everywhere('/users/owner')) expect(read.status, read.instance).to.equal(404);
    });

    it('access tokens: a role change applies, and disabling, logout-all and a new password refuse older tokens, at the next request everywhere', async () => {
      const target = await aMember(instances[0]!.runtime, 'target');
      for (const { app } of instances) expect((await get(app, '/users/me', target)).body.role).to.equal('user');
      await send(admin, request(a()).patch(api(`/admin/users/${target.id}`))).send({ role: 'moderator' });
      for (const read of await everywhere('/users/me', target)) expect(read.body.role, read.instance).to.equal('moderator');

      await send(target, request(a()).post(api('/auth/logout-all')));
      for (const read of await everywhere('/users/me', target)) expect(read.status, read.instance).to.equal(401);
      const relogged = async () => {
        const session = (await request(a()).post(api('/auth/login')).send({ login: 'target', password: PASSWORD })).body as { accessToken: string };
        return { ...target, token: session.accessToken };
      };
      let fresh = await relogged();
      for (const read of await everywhere('/users/me', fresh)) expect(read.status, read.instance).to.equal(200);
      await send(fresh, request(a()).put(api('/users/me/password'))).send({ currentPassword: PASSWORD, newPassword: PASSWORD });
      for (const read of await everywhere('/users/me', fresh)) expect(read.status, read.instance).to.equal(401);

      fresh = await relogged();
      for (const read of await everywhere('/users/me', fresh)) expect(read.status, read.instance).to.equal(200);
      await send(admin, request(a()).patch(api(`/admin/users/${target.id}`))).send({ status: 'disabled' });
      for (const read of await everywhere('/users/me', fresh)) expect(read.status, read.instance).to.equal(401);
      // Enabling the account again does not revive the tokens issued before it was disabled.
      await send(admin, request(a()).patch(api(`/admin/users/${target.id}`))).send({ status: 'active' });
      for (const read of await everywhere('/users/me', fresh)) expect(read.status, read.instance).to.equal(401);
      fresh = await relogged();
      await send(admin, request(a()).delete(api(`/admin/users/${target.id}`)));
      for (const read of await everywhere('/users/me', fresh)) expect(read.status, read.instance).to.equal(401);
    });

    if (profile.name === 'PostgreSQL')
      it('a dropped listener connection serves nothing stale: flushed at once, fresh after reconnecting', async () => {
        const { id } = await theme({ name: 'Ocean', status: 'published' });
        for (const path of ['/themes', `/themes/${id}`]) for (const who of [null, reader]) await warm(path, who);
        const b = instances[1]!;
        const feed = b.runtime.container.get<ChangeFeed>(TYPES.ChangeFeed) as ChangeFeed & { listenerPid(): number };
        const sql = new pg.Client({ connectionString: env.DATABASE_URL });
        await sql.connect();
        try {
          await sql.query('select pg_terminate_backend($1)', [feed.listenerPid()]);
          // Changed while B's listener is down: B learns of it from nothing but its own reads.
          await send(owner, request(a()).patch(api(`/themes/${id}`))).send({ name: 'Renamed' });
          for (const who of [null, reader]) {
            expect(names((await get(b.app, '/themes', who)).body)).to.deep.equal(['Renamed']);
            expect((await get(b.app, `/themes/${id}`, who)).body.name).to.equal('Renamed');
          }
          const deadline = Date.now() + 10_000;
          while (!feed.upToDate() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
          expect(feed.upToDate()).to.equal(true);
          await warm('/themes');
          await send(owner, request(a()).patch(api(`/themes/${id}`))).send({ name: 'Again' });
          expect(names((await get(b.app, '/themes')).body)).to.deep.equal(['Again']);
        } finally {
          await sql.end();
        }
      });
  });
