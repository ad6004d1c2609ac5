import { expect } from 'chai';
import type { Express } from 'express';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember, type Member } from '../support/actors.ts';
import request from '../support/http.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

const COLORS = [
  { name: 'ink', hex: '#112233', role: 'text' },
  { name: 'paper', hex: '#f5f5f0', role: 'background' },
];

for (const profile of PROFILES)
  describe(`HTTP: notifications (${profile.name})`, () => {
    let runtime: Runtime;
    let app: Express;
    let ada: Member;
    let bob: Member;
    let mod: Member;
    let admin: Member;
    const api = (path: string) => `/api/v1${path}`;
    const as = (member: Member, req: request.Test) => req.set('Authorization', `Bearer ${member.token}`);
    const notifications = async (member: Member, query: Record<string, string> = {}) => {
      const res = await as(member, request(app).get(api('/users/me/notifications'))).query(query);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.headers['cache-control']).to.equal('no-store');
      return res.body as { items: { id: number; kind: string; actorId: string | null; themeId: string | null; data: Record<string, unknown>; read: boolean }[]; nextCursor: string | null; unreadCount: number };
    };
    const aTheme = async (owner: Member, status = 'published') => {
      const res = await as(owner, request(app).post(api('/themes'))).send({ name: 'Harbour', colors: COLORS, status });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body.id as string;
    };

    beforeEach(async () => {
      const env = await profile.env();
      runtime = await testRuntime({ env });
      app = testApp(runtime, env);
      ada = await aMember(runtime, 'ada');
      bob = await aMember(runtime, 'bob');
      mod = await aMember(runtime, 'mod', 'moderator');
      admin = await aMember(runtime, 'root', 'admin');
    });
    afterEach(() => runtime.close());

    it('tells an owner someone favourited their theme, once, and not of their own favourite', async () => {
      const theme = await aTheme(ada);
      await as(ada, request(app).put(api(`/themes/${theme}/favorite`))).expect(204);
      await as(bob, request(app).put(api(`/themes/${theme}/favorite`))).expect(204);
      await as(bob, request(app).put(api(`/themes/${theme}/favorite`))).expect(204);
      const list = await notifications(ada);
      expect(list.items.map((n) => [n.kind, n.actorId, n.themeId, n.data.theme, n.read])).to.deep.equal([
        ['theme_favorited', bob.id, theme, { name: 'Harbour', slug: 'harbour' }, false],
      ]);
      expect(list.unreadCount).to.equal(1);
      expect((await notifications(bob)).items).to.deep.equal([]);
    });

    it('tells an owner a moderator edited, unpublished or deleted their theme, but not of their own changes', async () => {
      const theme = await aTheme(ada);
      await as(ada, request(app).patch(api(`/themes/${theme}`))).send({ description: 'mine' }).expect(200);
      await as(mod, request(app).patch(api(`/themes/${theme}`))).send({ description: 'tidied' }).expect(200);
      await as(mod, request(app).patch(api(`/themes/${theme}`))).send({ status: 'draft' }).expect(200);
      await as(admin, request(app).delete(api(`/themes/${theme}`))).expect(204);
      const list = await notifications(ada);
      expect(list.items.map((n) => [n.kind, n.data.action, n.actorId])).to.deep.equal([
        ['theme_moderated', 'deleted', admin.id],
        ['theme_moderated', 'unpublished', mod.id],
        ['theme_moderated', 'edited', mod.id],
      ]);
      expect(list.unreadCount).to.equal(3);
    });

    it('tells users their role or status changed', async () => {
      await as(admin, request(app).patch(api(`/admin/users/${bob.id}`))).send({ role: 'moderator' }).expect(200);
      await as(admin, request(app).patch(api(`/admin/users/${ada.id}`))).send({ status: 'disabled' }).expect(200);
      await as(admin, request(app).patch(api(`/admin/users/${ada.id}`))).send({ status: 'active' }).expect(200);
      expect((await notifications(bob)).items.map((n) => [n.kind, n.data])).to.deep.equal([['role_changed', { from: 'user', to: 'moderator' }]]);
      // Ada's token died with the disabling (her sessions ended): she signs in again to read.
      const session = (await request(app).post(api('/auth/login')).send({ login: 'ada', password: 'correct horse battery' })).body;
      const again = { ...ada, token: session.accessToken as string };
      expect((await notifications(again)).items.map((n) => [n.kind, n.data])).to.deep.equal([
        ['status_changed', { from: 'disabled', to: 'active' }],
        ['status_changed', { from: 'active', to: 'disabled' }],
      ]);
    });

    it('pages newest first without repeats, filters unread, and marks read up to an id or by ids (never another user’s)', async () => {
      const themes = [await aTheme(ada), await aTheme(ada), await aTheme(ada), await aTheme(ada)];
      for (const theme of themes) await as(bob, request(app).put(api(`/themes/${theme}/favorite`))).expect(204);
      const first = await notifications(ada, { limit: '3' });
      expect(first.items).to.have.length(3);
      const rest = await notifications(ada, { limit: '3', cursor: first.nextCursor! });
      const ids = [...first.items, ...rest.items].map((n) => n.id);
      expect(ids).to.have.length(4);
      expect(ids).to.deep.equal([...ids].sort((x, y) => y - x));
      expect(rest.nextCursor).to.equal(null);

      const otherOwner = await aTheme(bob);
      await as(ada, request(app).put(api(`/themes/${otherOwner}/favorite`))).expect(204);
      const bobs = (await notifications(bob)).items[0]!.id;
      const byIds = await as(ada, request(app).post(api('/users/me/notifications/read'))).send({ ids: [ids[0], bobs] });
      expect(byIds.status).to.equal(200);
      expect(byIds.headers['cache-control']).to.equal('no-store');
      expect(byIds.body).to.deep.equal({ marked: 1, unreadCount: 3 });
      expect((await notifications(bob)).unreadCount).to.equal(1);

      const upTo = await as(ada, request(app).post(api('/users/me/notifications/read'))).send({ upTo: ids[2] });
      expect(upTo.body).to.deep.equal({ marked: 2, unreadCount: 1 });
      const unread = await notifications(ada, { unread: 'true' });
      expect(unread.items.map((n) => n.id)).to.deep.equal([ids[1]]);
      expect((await notifications(ada)).items.map((n) => n.read)).to.deep.equal([true, false, true, true]);
    });

    it('refuses bad input and anonymous callers', async () => {
      await request(app).get(api('/users/me/notifications')).expect(401);
      await request(app).post(api('/users/me/notifications/read')).send({ upTo: 1 }).expect(401);
      for (const body of [{}, { upTo: 0 }, { upTo: 'x' }, { ids: [] }, { ids: [1], upTo: 2 }, { upTo: 1, extra: true }])
        expect((await as(ada, request(app).post(api('/users/me/notifications/read'))).send(body)).status, JSON.stringify(body)).to.equal(422);
      expect((await as(ada, request(app).get(api('/users/me/notifications'))).query({ unread: 'maybe' })).status).to.equal(422);
      expect((await as(ada, request(app).get(api('/users/me/notifications'))).query({ cursor: 'forged' })).status).to.equal(400);
    });
  });
