import { expect } from 'chai';
import type { Express } from 'express';
import request from '../support/http.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember, type Member } from '../support/actors.ts';
import { anImage } from '../support/images.ts';
import { operationsOf } from '../support/openapi-validator.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

type Who = 'anonymous' | 'user' | 'owner' | 'moderator' | 'admin';
const WHO: Who[] = ['anonymous', 'user', 'owner', 'moderator', 'admin'];

/**
 * What a cell needs. The accounts of the four roles are made once per profile; the resources a cell
 * acts on (themes, images, categories, target accounts) are made on first use and fresh for every cell.
 */
type Cell = {
  app: Express;
  api(path: string): string;
  as(who: Who, req: request.Test): request.Test;
  member(who: Exclude<Who, 'anonymous'>): Promise<Member>;
  theme(status: 'published' | 'draft'): Promise<{ id: string; slug: string }>;
  image(status: 'published' | 'draft'): Promise<string>;
  category(): Promise<{ id: string; slug: string }>;
  /** The owner's avatar upload ticket, its file sent: `upload` and `commitUrl` as paths of this API. */
  ticket(): Promise<{ uploadPath: string; commitPath: string; bytes: Buffer }>;
  /** A plain account for administrators to act on. */
  target(): Promise<Member>;
};

type Row = {
  route: string;
  expect: [number, number, number, number, number];
  send(cell: Cell, who: Who): PromiseLike<request.Response>;
  /** The route spends the caller's own account (deletes it, changes its password): each cell gets a fresh one. */
  spendsAccount?: true;
  /** Checks, after the request, that what it answered is what happened. */
  effect?(cell: Cell, res: request.Response): Promise<void>;
};

const PASSWORD = 'correct horse battery';
const palette = [{ name: 'a', hex: '#000000', role: 'primary' }];

/**
 * Every route of API.md × anonymous, a user, the owner (of the theme, or the account itself),
 * a moderator and an admin, with the status each must answer. One table; the cells are generated.
 */
const MATRIX: Row[] = [
  { route: 'POST /auth/register', expect: [201, 201, 201, 201, 201], send: (c, who) => c.as(who, request(c.app).post(c.api('/auth/register'))).send({ email: `${who}-new@example.com`, username: `${who}-new`, password: PASSWORD }) },
  { route: 'POST /auth/login', expect: [200, 200, 200, 200, 200], send: async (c, who) => c.as(who, request(c.app).post(c.api('/auth/login'))).send({ login: (await c.member('owner')).username, password: PASSWORD }) },
  { route: 'POST /auth/token', expect: [200, 200, 200, 200, 200], send: async (c, who) => c.as(who, request(c.app).post(c.api('/auth/token'))).type('form').send({ grant_type: 'password', username: (await c.member('owner')).username, password: PASSWORD }) },
  { route: 'POST /auth/refresh', expect: [200, 200, 200, 200, 200], send: async (c, who) => c.as(who, request(c.app).post(c.api('/auth/refresh'))).send({ refreshToken: await refreshTokenOf(c) }) },
  { route: 'POST /auth/logout', expect: [204, 204, 204, 204, 204], send: async (c, who) => c.as(who, request(c.app).post(c.api('/auth/logout'))).send({ refreshToken: await refreshTokenOf(c) }) },
  { route: 'POST /auth/logout-all', expect: [401, 204, 204, 204, 204], spendsAccount: true, send: (c, who) => c.as(who, request(c.app).post(c.api('/auth/logout-all'))) },

  { route: 'GET /users/me', expect: [401, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).get(c.api('/users/me'))) },
  { route: 'PATCH /users/me', expect: [401, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).patch(c.api('/users/me'))).send({ bio: 'hello' }) },
  { route: 'PUT /users/me/password', expect: [401, 204, 204, 204, 204], spendsAccount: true, send: (c, who) => c.as(who, request(c.app).put(c.api('/users/me/password'))).send({ currentPassword: PASSWORD, newPassword: 'a brand new one' }) },
  { route: 'PUT /users/me/avatar', expect: [401, 200, 200, 200, 200], send: async (c, who) => c.as(who, request(c.app).put(c.api('/users/me/avatar'))).attach('file', await anImage('png', 64, 64), 'me.png') },
  { route: 'POST /users/me/avatar/uploads', expect: [401, 201, 201, 201, 201], send: (c, who) => c.as(who, request(c.app).post(c.api('/users/me/avatar/uploads'))).send({ size: 100, contentType: 'image/png' }) },
  { route: 'POST /uploads/{ticketId}/commit', expect: [401, 404, 201, 404, 404], send: async (c, who) => c.as(who, request(c.app).post((await c.ticket()).commitPath)) },
  { route: 'POST /uploads/{ticketId}/content', expect: [204, 204, 204, 204, 204], send: async (c, who) => { const t = await c.ticket(); return c.as(who, request(c.app).post(t.uploadPath)).attach('file', t.bytes, 'a.png'); } },
  { route: 'PUT /uploads/{ticketId}/content', expect: [204, 204, 204, 204, 204], send: async (c, who) => { const t = await c.ticket(); return c.as(who, request(c.app).put(t.uploadPath)).set('Content-Type', 'image/png').send(t.bytes); } },
  { route: 'DELETE /users/me/avatar', expect: [401, 204, 204, 204, 204], send: (c, who) => c.as(who, request(c.app).delete(c.api('/users/me/avatar'))) },
  { route: 'DELETE /users/me', expect: [401, 204, 204, 204, 204], spendsAccount: true, send: (c, who) => c.as(who, request(c.app).delete(c.api('/users/me'))) },
  { route: 'GET /users/{username}', expect: [200, 200, 200, 200, 200], send: async (c, who) => c.as(who, request(c.app).get(c.api(`/users/${(await c.target()).username}`))) },
  { route: 'GET /users/me/sessions', expect: [401, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).get(c.api('/users/me/sessions'))) },
  { route: 'DELETE /users/me/sessions/{id}', expect: [401, 204, 204, 204, 204], spendsAccount: true, send: async (c, who) => c.as(who, request(c.app).delete(c.api(`/users/me/sessions/${await ownSessionOf(c, who)}`))) },
  { route: 'GET /users/me/notifications', expect: [401, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).get(c.api('/users/me/notifications'))) },
  { route: 'POST /users/me/notifications/read', expect: [401, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).post(c.api('/users/me/notifications/read'))).send({ upTo: 1 }) },
  { route: 'GET /users/me/logins', expect: [401, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).get(c.api('/users/me/logins'))) },
  { route: 'GET /users/me/favorites', expect: [401, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).get(c.api('/users/me/favorites'))) },

  { route: 'GET /categories', expect: [200, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).get(c.api('/categories'))) },
  { route: 'GET /categories/{slug}', expect: [200, 200, 200, 200, 200], send: async (c, who) => c.as(who, request(c.app).get(c.api(`/categories/${(await c.category()).slug}`))) },
  { route: 'POST /categories', expect: [401, 403, 403, 201, 201], send: (c, who) => c.as(who, request(c.app).post(c.api('/categories'))).send({ name: `New ${who}` }) },
  { route: 'PATCH /categories/{id}', expect: [401, 403, 403, 200, 200], send: async (c, who) => c.as(who, request(c.app).patch(c.api(`/categories/${(await c.category()).id}`))).send({ description: 'x' }) },
  { route: 'DELETE /categories/{id}', expect: [401, 403, 403, 204, 204], send: async (c, who) => c.as(who, request(c.app).delete(c.api(`/categories/${(await c.category()).id}`))) },

  { route: 'GET /themes', expect: [200, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).get(c.api('/themes'))) },
  { route: 'POST /themes', expect: [401, 201, 201, 201, 201], send: (c, who) => c.as(who, request(c.app).post(c.api('/themes'))).send({ name: 'Mine', colors: palette }) },
  ...(['published', 'draft'] as const).flatMap((status): Row[] => {
    const hidden = status === 'draft';
    return [
      { route: `GET /themes/{idOrSlug} (${status})`, expect: hidden ? [404, 404, 200, 200, 200] : [200, 200, 200, 200, 200], send: async (c, who) => c.as(who, request(c.app).get(c.api(`/themes/${(await c.theme(status)).slug}`))) },
      {
        route: `PATCH /themes/{id} (${status})`,
        expect: hidden ? [401, 404, 200, 200, 200] : [401, 403, 200, 200, 200],
        send: async (c, who) => c.as(who, request(c.app).patch(c.api(`/themes/${(await c.theme(status)).id}`))).send({ description: 'changed' }),
        effect: async (c, res) => {
          const after = await c.as('owner', request(c.app).get(c.api(`/themes/${(await c.theme(status)).id}`)));
          expect(after.body.description).to.equal(res.status === 200 ? 'changed' : '');
        },
      },
      {
        route: `DELETE /themes/{id} (${status})`,
        expect: hidden ? [401, 404, 204, 204, 204] : [401, 403, 204, 204, 204],
        send: async (c, who) => c.as(who, request(c.app).delete(c.api(`/themes/${(await c.theme(status)).id}`))),
        effect: async (c, res) => {
          const after = await c.as('owner', request(c.app).get(c.api(`/themes/${(await c.theme(status)).id}`)));
          expect(after.status).to.equal(res.status === 204 ? 404 : 200);
        },
      },
      { route: `PUT /themes/{id}/favorite (${status})`, expect: hidden ? [401, 404, 204, 204, 204] : [401, 204, 204, 204, 204], send: async (c, who) => c.as(who, request(c.app).put(c.api(`/themes/${(await c.theme(status)).id}/favorite`))) },
      { route: `DELETE /themes/{id}/favorite (${status})`, expect: hidden ? [401, 404, 204, 204, 204] : [401, 204, 204, 204, 204], send: async (c, who) => c.as(who, request(c.app).delete(c.api(`/themes/${(await c.theme(status)).id}/favorite`))) },
      ...['export', 'preview.svg', 'preview.png', 'accessibility', 'similar'].map(
        (path): Row => ({
          route: `GET /themes/{idOrSlug}/${path} (${status})`,
          expect: hidden ? [404, 404, 200, 200, 200] : [200, 200, 200, 200, 200],
          send: async (c, who) => c.as(who, request(c.app).get(c.api(`/themes/${(await c.theme(status)).slug}/${path}`))),
        }),
      ),
      { route: `POST /themes/{id}/images (${status})`, expect: hidden ? [401, 404, 201, 201, 201] : [401, 403, 201, 201, 201], send: async (c, who) => c.as(who, request(c.app).post(c.api(`/themes/${(await c.theme(status)).id}/images`))).attach('file', await anImage('png', 32, 32), 'a.png') },
      { route: `POST /themes/{id}/uploads (${status})`, expect: hidden ? [401, 404, 201, 201, 201] : [401, 403, 201, 201, 201], send: async (c, who) => c.as(who, request(c.app).post(c.api(`/themes/${(await c.theme(status)).id}/uploads`))).send({ kind: 'cover', size: 100, contentType: 'image/png' }) },
      { route: `GET /themes/{id}/images (${status})`, expect: hidden ? [404, 404, 200, 200, 200] : [200, 200, 200, 200, 200], send: async (c, who) => c.as(who, request(c.app).get(c.api(`/themes/${(await c.theme(status)).id}/images`))) },
      { route: `GET /images/{id} (${status})`, expect: hidden ? [404, 404, 200, 200, 200] : [200, 200, 200, 200, 200], send: async (c, who) => c.as(who, request(c.app).get(c.api(`/images/${await c.image(status)}`))) },
      { route: `GET /images/{id}/content (${status})`, expect: hidden ? [404, 404, 200, 200, 200] : [200, 200, 200, 200, 200], send: async (c, who) => c.as(who, request(c.app).get(c.api(`/images/${await c.image(status)}/content`))) },
      { route: `GET /images/{id}/thumbnail (${status})`, expect: hidden ? [404, 404, 200, 200, 200] : [200, 200, 200, 200, 200], send: async (c, who) => c.as(who, request(c.app).get(c.api(`/images/${await c.image(status)}/thumbnail`))) },
      { route: `DELETE /images/{id} (${status})`, expect: hidden ? [401, 404, 204, 204, 204] : [401, 403, 204, 204, 204], send: async (c, who) => c.as(who, request(c.app).delete(c.api(`/images/${await c.image(status)}`))) },
    ];
  }),

  { route: 'POST /palettes/extract', expect: [401, 200, 200, 200, 200], send: async (c, who) => c.as(who, request(c.app).post(c.api('/palettes/extract'))).attach('file', await anImage('png', 32, 32), 'a.png') },

  { route: 'GET /admin/users', expect: [401, 403, 403, 403, 200], send: (c, who) => c.as(who, request(c.app).get(c.api('/admin/users'))) },
  { route: 'PATCH /admin/users/{id}', expect: [401, 403, 403, 403, 200], send: async (c, who) => c.as(who, request(c.app).patch(c.api(`/admin/users/${(await c.target()).id}`))).send({ role: 'moderator' }) },
  { route: 'DELETE /admin/users/{id}', expect: [401, 403, 403, 403, 204], send: async (c, who) => c.as(who, request(c.app).delete(c.api(`/admin/users/${(await c.target()).id}`))) },
  { route: 'GET /admin/users/{id}/logins', expect: [401, 403, 403, 403, 200], send: async (c, who) => c.as(who, request(c.app).get(c.api(`/admin/users/${(await c.target()).id}/logins`))) },
  { route: 'GET /admin/stats', expect: [401, 403, 403, 403, 200], send: (c, who) => c.as(who, request(c.app).get(c.api('/admin/stats'))) },
  { route: 'GET /admin/audit', expect: [401, 403, 403, 403, 200], send: (c, who) => c.as(who, request(c.app).get(c.api('/admin/audit'))) },

  { route: 'GET /health/live', expect: [200, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).get('/health/live')) },
  { route: 'GET /health/ready', expect: [200, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).get('/health/ready')) },
  { route: 'GET /api/v1/asyncapi.json', expect: [200, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).get('/api/v1/asyncapi.json')) },
  { route: 'GET /api/v1/openapi.json', expect: [200, 200, 200, 200, 200], send: (c, who) => c.as(who, request(c.app).get('/api/v1/openapi.json')) },
];

/** The id of the session the member's token belongs to (any id for anonymous callers). */
async function ownSessionOf(c: Cell, who: Who): Promise<string> {
  if (who === 'anonymous') return '00000000-0000-4000-8000-000000000000';
  const sessions = (await c.as(who, request(c.app).get(c.api('/users/me/sessions')))).body.items as { id: string; current: boolean }[];
  return sessions.find((s) => s.current)!.id;
}

async function refreshTokenOf(c: Cell): Promise<string> {
  const owner = await c.member('owner');
  return (await request(c.app).post(c.api('/auth/login')).send({ login: owner.username, password: PASSWORD })).body.refreshToken;
}

for (const profile of PROFILES)
  describe(`role × route matrix (${profile.name})`, function () {
    this.timeout(120_000);
    let runtime: Runtime;
    let app: Express;
    let cellNumber = 0;
    /** One account per role for every cell, made once. */
    let standing: Record<Exclude<Who, 'anonymous'>, Member>;

    before(async () => {
      const env = await profile.env();
      runtime = await testRuntime({ env });
      app = testApp(runtime, env);
      // A standing admin besides the cells' admin, so that an admin of a cell may remove themselves.
      await aMember(runtime, 'standing-admin', 'admin');
      standing = {
        user: await aMember(runtime, 'a-user'),
        owner: await aMember(runtime, 'an-owner'),
        moderator: await aMember(runtime, 'a-moderator', 'moderator'),
        admin: await aMember(runtime, 'an-admin', 'admin'),
      };
    });
    after(() => runtime.close());

    /** The standing accounts (a fresh one for a caller whose account the route spends) and fresh resources. */
    function newCell(row: Row, who: Who): Cell {
      const n = ++cellNumber;
      const memo = new Map<string, Promise<unknown>>();
      const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
        if (!memo.has(key)) memo.set(key, make());
        return memo.get(key) as Promise<T>;
      };
      const members: Partial<Record<Who, Member>> = { ...standing };
      if (row.spendsAccount) delete members[who];
      const cell: Cell = {
        app,
        api: (path) => `/api/v1${path}`,
        as: (who, req) => (who === 'anonymous' ? req : req.set('Authorization', `Bearer ${members[who]!.token}`)),
        member: (role) => once(`member:${role}`, async () => (members[role] ??= await aMember(runtime, `${role}-${n}`, role === 'user' || role === 'owner' ? 'user' : role))),
        theme: (status) =>
          once(`theme:${status}`, async () => {
            const owner = await cell.member('owner');
            const res = await request(app).post('/api/v1/themes').set('Authorization', `Bearer ${owner.token}`).send({ name: `Theme ${status} ${n}`, status, colors: palette });
            return { id: res.body.id as string, slug: res.body.slug as string };
          }),
        image: (status) =>
          once(`image:${status}`, async () => {
            const owner = await cell.member('owner');
            const theme = await cell.theme(status);
            const res = await request(app).post(`/api/v1/themes/${theme.id}/images`).set('Authorization', `Bearer ${owner.token}`).attach('file', await anImage('png', 40, 40), 'i.png');
            return res.body.id as string;
          }),
        category: () =>
          once('category', async () => {
            const admin = await cell.member('admin');
            const res = await request(app).post('/api/v1/categories').set('Authorization', `Bearer ${admin.token}`).send({ name: `Category ${n}` });
            return { id: res.body.id as string, slug: res.body.slug as string };
          }),
        target: () => once('target', () => aMember(runtime, `target-${n}`)),
        ticket: () =>
          once('ticket', async () => {
            const owner = await cell.member('owner');
            const bytes = await anImage('png', 32, 32);
            const res = await request(app).post('/api/v1/users/me/avatar/uploads').set('Authorization', `Bearer ${owner.token}`).send({ size: bytes.length, contentType: 'image/png' });
            const path = (url: string) => new URL(url).pathname + new URL(url).search;
            const uploadPath = path(res.body.upload.url as string);
            await request(app).put(uploadPath).set('Content-Type', 'image/png').send(bytes);
            return { uploadPath, commitPath: path(res.body.commitUrl as string), bytes };
          }),
      };
      return cell;
    }

    it('covers every route of the OpenAPI document', async () => {
      const document = (await request(app).get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      // By method and path alone: the rows name parameters as API.md does.
      const anyParam = (route: string) => route.replace(/\{\w+\}/g, '{}');
      const documented = operationsOf(document).map(({ path, method }) => anyParam(`${method.toUpperCase()} ${path.replace('/api/v1', '')}`));
      const covered = new Set(MATRIX.map((row) => anyParam(row.route.replace(/ \(.*\)$/, '').replace(' /api/v1/openapi.json', ' /openapi.json').replace(' /api/v1/asyncapi.json', ' /asyncapi.json'))));
      expect(documented.filter((route) => !covered.has(route))).to.deep.equal([]);
    });

    for (const row of MATRIX)
      for (const [i, who] of WHO.entries())
        it(`${who} ${row.route} → ${row.expect[i]}`, async () => {
          const cell = newCell(row, who);
          for (const member of ['user', 'owner', 'moderator', 'admin'] as const) await cell.member(member);
          const res = await row.send(cell, who);
          expect(res.status, `${row.route} as ${who}: ${JSON.stringify(res.body).slice(0, 300)}`).to.equal(row.expect[i]);
          await row.effect?.(cell, res);
        });
  });
