import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import type { ChangeFeed } from '../../application/ports/change-feed.ts';
import type { ChangeEvent } from '../../application/ports/event-log.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { aMember, type Member } from '../support/actors.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { anImage } from '../support/images.ts';
import { testApp, testRuntime } from '../support/runtime.ts';

const PASSWORD = 'correct horse battery';
const palette = [{ name: 'Deep', hex: '#0b3d91' }];

/** Every change others must learn about is an event, written with the change: what each use-case records, and for whom. */
describe('change events recorded by the use-cases (memory profile, through HTTP)', () => {
  let runtime: Runtime;
  let clock: FixedClock;
  let app: Express;
  let events: ChangeEvent[];
  let owner: Member;
  let someone: Member;
  let mod: Member;
  let admin: Member;
  const api = (path: string) => `/api/v1${path}`;
  const as = (member: Member, req: request.Test) => req.set('Authorization', `Bearer ${member.token}`);
  /** The events the action records, without ids and times. */
  const recorded = async (action: () => PromiseLike<request.Response>, status?: number) => {
    events = [];
    const res = await action();
    if (status !== undefined) expect(res.status, res.text).to.equal(status);
    return events.map(({ type, audience, subject, data, actorId }) => ({ type, audience, subject, data, actorId }));
  };
  const theme = async (body: object = {}) => (await as(owner, request(app).post(api('/themes'))).send({ name: 'Ocean', colors: palette, ...body })).body as { id: string };

  beforeEach(async () => {
    clock = new FixedClock();
    runtime = await testRuntime({ clock });
    app = testApp(runtime);
    owner = await aMember(runtime, 'owner');
    someone = await aMember(runtime, 'someone');
    mod = await aMember(runtime, 'mod', 'moderator');
    admin = await aMember(runtime, 'root', 'admin');
    runtime.container.get<ChangeFeed>(TYPES.ChangeFeed).subscribe({ events: (batch) => events.push(...batch), interrupted: () => undefined });
  });
  afterEach(() => runtime.close());

  it('themes: created, published, updated, unpublished by a moderator, deleted — with visibility before and after', async () => {
    const created = await recorded(() => as(owner, request(app).post(api('/themes'))).send({ name: 'Ocean', colors: palette }), 201);
    const id = created[0]!.subject.themeId!;
    const subject = { themeId: id, userId: owner.id, categoryId: null, imageId: null };
    const flags = (version: number, visibleBefore: boolean, visibleAfter: boolean, byModerator = false) => ({ slug: 'ocean', name: 'Ocean', version, visibleBefore, visibleAfter, byModerator });
    expect(created).to.deep.equal([{ type: 'theme.created', audience: 'owner-and-moderators', subject, data: flags(1, false, false), actorId: owner.id }]);
    expect(await recorded(() => as(owner, request(app).patch(api(`/themes/${id}`))).send({ status: 'published' }), 200)).to.deep.equal([
      { type: 'theme.published', audience: 'public', subject, data: flags(2, false, true), actorId: owner.id },
    ]);
    expect((await recorded(() => as(owner, request(app).patch(api(`/themes/${id}`))).send({ description: 'calm' }), 200))[0]).to.deep.include({ type: 'theme.updated', audience: 'public' });
    // Renamed and unpublished at once: named as the public knew it.
    expect(await recorded(() => as(mod, request(app).patch(api(`/themes/${id}`))).send({ status: 'draft', name: 'Secret' }), 200)).to.deep.equal([
      { type: 'theme.unpublished', audience: 'public', subject, data: { ...flags(4, true, false, true), notificationId: 1 }, actorId: mod.id },
    ]);
    expect((await recorded(() => as(owner, request(app).patch(api(`/themes/${id}`))).send({ description: 'x' }), 200))[0]).to.deep.include({ type: 'theme.updated', audience: 'owner-and-moderators' });
    expect((await recorded(() => as(owner, request(app).delete(api(`/themes/${id}`))), 204)).map((e) => [e.type, e.audience, e.data.byModerator])).to.deep.equal([
      ['theme.deleted', 'owner-and-moderators', false],
    ]);
  });

  it('a refused or failed change records nothing', async () => {
    const { id } = await theme({ status: 'published' });
    expect(await recorded(() => as(owner, request(app).patch(api(`/themes/${id}`))).set('If-Match', '"7"').send({ name: 'Late' }), 412)).to.deep.equal([]);
    expect(await recorded(() => as(someone, request(app).patch(api(`/themes/${id}`))).send({ name: 'Mine' }), 403)).to.deep.equal([]);
    expect(await recorded(() => as(someone, request(app).delete(api(`/themes/${id}/favorite`))), 204)).to.deep.equal([]);
    expect(await recorded(() => as(owner, request(app).post(api('/themes'))).send({ name: 'Bad', colors: [] }), 422)).to.deep.equal([]);
  });

  it('favourites, added and removed, concern the theme’s owner; twice counts once', async () => {
    const { id } = await theme({ status: 'published' });
    const subject = { themeId: id, userId: owner.id, categoryId: null, imageId: null };
    expect(await recorded(() => as(someone, request(app).put(api(`/themes/${id}/favorite`))), 204)).to.deep.equal([
      { type: 'favorite.added', audience: 'public', subject, data: { name: 'Ocean', slug: 'ocean', notificationId: 1 }, actorId: someone.id },
    ]);
    expect(await recorded(() => as(someone, request(app).put(api(`/themes/${id}/favorite`))), 204)).to.deep.equal([]);
    expect((await recorded(() => as(someone, request(app).delete(api(`/themes/${id}/favorite`))), 204)).map((e) => e.type)).to.deep.equal(['favorite.removed']);
  });

  it('images of a theme, added (a new cover replacing the old) and removed', async () => {
    const { id } = await theme();
    const added = await recorded(async () => as(owner, request(app).post(api(`/themes/${id}/images`))).field('kind', 'cover').attach('file', await anImage('png', 20, 20), 'a.png'), 201);
    const first = added[0]!.subject.imageId;
    expect(added).to.deep.equal([{ type: 'image.added', audience: 'owner-and-moderators', subject: { themeId: id, userId: owner.id, categoryId: null, imageId: first }, data: { kind: 'cover', replaced: null }, actorId: owner.id }]);
    const replacing = await recorded(async () => as(owner, request(app).post(api(`/themes/${id}/images`))).field('kind', 'cover').attach('file', await anImage('png', 21, 21), 'b.png'), 201);
    expect(replacing[0]!.data).to.deep.equal({ kind: 'cover', replaced: first });
    const removed = await recorded(() => as(owner, request(app).delete(api(`/images/${replacing[0]!.subject.imageId}`))), 204);
    expect(removed.map((e) => [e.type, e.data.kind])).to.deep.equal([['image.removed', 'cover']]);
  });

  it('profiles (name, avatar) are public; password, a signed-out session, logout-all, role and status concern the user alone', async () => {
    const subject = { themeId: null, userId: owner.id, categoryId: null, imageId: null };
    expect(await recorded(() => as(owner, request(app).patch(api('/users/me'))).send({ displayName: 'The Owner' }), 200)).to.deep.equal([
      { type: 'user.profile_changed', audience: 'public', subject, data: { username: 'owner', displayName: 'The Owner' }, actorId: owner.id },
    ]);
    const avatar = await recorded(async () => as(owner, request(app).put(api('/users/me/avatar'))).attach('file', await anImage('png', 16, 16), 'me.png'), 200);
    expect(avatar.map((e) => [e.type, e.audience, typeof e.data.avatar])).to.deep.equal([['user.profile_changed', 'public', 'string']]);
    expect((await recorded(() => as(owner, request(app).delete(api('/users/me/avatar'))), 204)).map((e) => [e.type, e.data.avatar])).to.deep.equal([['user.profile_changed', null]]);
    expect(await recorded(() => as(owner, request(app).put(api('/users/me/password'))).send({ currentPassword: PASSWORD, newPassword: 'another good one' }), 204)).to.deep.equal([
      { type: 'user.password_changed', audience: 'owner', subject, data: {}, actorId: owner.id },
    ]);
    const laptop = (await request(app).post(api('/auth/login')).send({ login: 'someone', password: PASSWORD })).body as { accessToken: string; refreshToken: string };
    const sessionId = (await request(app).get(api('/users/me/sessions')).set('Authorization', `Bearer ${laptop.accessToken}`)).body.items.find((s: { current: boolean }) => s.current).id as string;
    const someones = { themeId: null, userId: someone.id, categoryId: null, imageId: null };
    expect(await recorded(() => as(someone, request(app).delete(api(`/users/me/sessions/${sessionId}`))), 204)).to.deep.equal([
      { type: 'user.session_revoked', audience: 'owner', subject: someones, data: { sessionId }, actorId: someone.id },
    ]);
    const phone = (await request(app).post(api('/auth/login')).send({ login: 'someone', password: PASSWORD })).body.refreshToken as string;
    expect((await recorded(() => request(app).post(api('/auth/logout')).send({ refreshToken: phone }), 204)).map((e) => [e.type, e.audience, e.subject.userId, e.actorId])).to.deep.equal([
      ['user.session_revoked', 'owner', someone.id, null],
    ]);
    expect(await recorded(() => request(app).post(api('/auth/logout')).send({ refreshToken: phone }), 204)).to.deep.equal([]);
    const relogged = (await request(app).post(api('/auth/login')).send({ login: 'someone', password: PASSWORD })).body.accessToken as string;
    expect((await recorded(() => request(app).post(api('/auth/logout-all')).set('Authorization', `Bearer ${relogged}`), 204)).map((e) => [e.type, e.audience, e.subject.userId])).to.deep.equal([
      ['user.logged_out_all', 'owner', someone.id],
    ]);
    expect((await recorded(() => as(admin, request(app).patch(api(`/admin/users/${owner.id}`))).send({ role: 'moderator', status: 'disabled' }), 200)).map((e) => [e.type, e.audience, e.data])).to.deep.equal([
      ['user.role_changed', 'owner', { from: 'user', to: 'moderator', notificationId: 1 }],
      ['user.status_changed', 'owner', { from: 'active', to: 'disabled', notificationId: 2 }],
    ]);
  });

  it('a deleted account: each of its themes, then the account', async () => {
    await theme({ status: 'published' });
    await theme({ name: 'Draft' });
    const deleted = await recorded(() => as(admin, request(app).delete(api(`/admin/users/${owner.id}`))), 204);
    expect(deleted.map((e) => [e.type, e.audience])).to.deep.equal([
      ['theme.deleted', 'public'],
      ['theme.deleted', 'owner-and-moderators'],
      ['user.deleted', 'public'],
    ]);
    expect(deleted.every((e) => e.subject.userId === owner.id && e.actorId === admin.id)).to.equal(true);
  });

  it('categories: created, updated, deleted, for everyone', async () => {
    const created = await recorded(() => as(mod, request(app).post(api('/categories'))).send({ name: 'Dark' }), 201);
    const categoryId = created[0]!.subject.categoryId;
    expect(created).to.deep.equal([{ type: 'category.created', audience: 'public', subject: { themeId: null, userId: null, categoryId, imageId: null }, data: { slug: 'dark', name: 'Dark' }, actorId: mod.id }]);
    expect((await recorded(() => as(mod, request(app).patch(api(`/categories/${categoryId}`))).send({ name: 'Darker' }), 200)).map((e) => [e.type, e.data.name])).to.deep.equal([['category.updated', 'Darker']]);
    expect((await recorded(() => as(mod, request(app).delete(api(`/categories/${categoryId}`))), 204)).map((e) => e.type)).to.deep.equal(['category.deleted']);
  });

  it('for the admin channel: registrations, lockouts and refresh-token reuse', async () => {
    const registered = await recorded(() => request(app).post(api('/auth/register')).send({ email: 'new@example.com', username: 'newbie', password: PASSWORD }), 201);
    expect(registered.map((e) => [e.type, e.audience, e.data])).to.deep.equal([['user.registered', 'admins', { username: 'newbie', role: 'user' }]]);
    for (let i = 0; i < 4; i++) expect(await recorded(() => request(app).post(api('/auth/login')).send({ login: 'newbie', password: 'wrong password' }), 401)).to.deep.equal([]);
    expect((await recorded(() => request(app).post(api('/auth/login')).send({ login: 'newbie', password: 'wrong password' }))).map((e) => [e.type, e.audience])).to.deep.equal([['user.locked', 'admins']]);
    const { refreshToken } = (await request(app).post(api('/auth/login')).send({ login: 'someone', password: PASSWORD })).body;
    await request(app).post(api('/auth/refresh')).send({ refreshToken });
    clock.advance(60); // past any grace window for two tabs refreshing at once
    expect((await recorded(() => request(app).post(api('/auth/refresh')).send({ refreshToken }), 401)).map((e) => [e.type, e.audience, e.subject.userId])).to.deep.equal([
      ['auth.refresh_reused', 'admins', someone.id],
    ]);
  });
});
