import { expect } from 'chai';
import { anonymous, SYSTEM } from '../../application/actor.ts';
import { BACKLOG_LISTED, GetDeletionBacklog } from '../../application/admin/get-deletion-backlog.ts';
import { GetUser } from '../../application/admin/get-user.ts';
import { ListAuditEvents } from '../../application/admin/list-audit-events.ts';
import { ListUserSessions } from '../../application/admin/list-user-sessions.ts';
import { Login } from '../../application/auth/login.ts';
import { Logout } from '../../application/auth/logout.ts';
import type { ObjectCleanup } from '../../application/ports/object-cleanup.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { aMember, type Member } from '../support/actors.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { testRuntime } from '../support/runtime.ts';

describe('admin use-cases behind the dashboard (memory adapters)', () => {
  let runtime: Runtime;
  let clock: FixedClock;
  let admin: Member;
  let mod: Member;
  let ada: Member;
  const get = <T>(id: new (...args: never[]) => T): T => runtime.container.get(id as never);
  const MISSING = '00000000-0000-4000-8000-000000000000';

  beforeEach(async () => {
    clock = new FixedClock();
    runtime = await testRuntime({ clock });
    admin = await aMember(runtime, 'root', 'admin');
    mod = await aMember(runtime, 'mod', 'moderator');
    ada = await aMember(runtime, 'ada');
  });
  afterEach(() => runtime.close());

  it('GetUser gives admins any account, refuses everyone else, and says not_found for an unknown id', async () => {
    expect((await get(GetUser).execute(admin.actor, ada.id)).username).to.equal('ada');
    expect((await rejectionOf(get(GetUser).execute(mod.actor, ada.id))).code).to.equal('forbidden');
    expect((await rejectionOf(get(GetUser).execute(anonymous(), ada.id))).code).to.equal('unauthenticated');
    expect((await rejectionOf(get(GetUser).execute(admin.actor, MISSING))).code).to.equal('not_found');
  });

  it('ListUserSessions lists an account’s active sessions, last used first, without the ended ones', async () => {
    clock.advance(60);
    const second = await get(Login).execute(anonymous({ ip: '198.51.100.7', requestId: null, userAgent: 'Firefox' }), { login: 'ada', password: 'correct horse battery' });
    const sessions = await get(ListUserSessions).execute(admin.actor, ada.id);
    expect(sessions.map((s) => s.ip)).to.deep.equal(['198.51.100.7', null]);
    await get(Logout).execute(anonymous(), { refreshToken: second.refreshToken });
    expect(await get(ListUserSessions).execute(admin.actor, ada.id)).to.have.length(1);
    expect((await rejectionOf(get(ListUserSessions).execute(mod.actor, ada.id))).code).to.equal('forbidden');
    expect((await rejectionOf(get(ListUserSessions).execute(admin.actor, MISSING))).code).to.equal('not_found');
  });

  it('GetDeletionBacklog lists the keys due for deletion (not those due later), at most a page of them, for admins', async () => {
    const cleanup = runtime.container.get<ObjectCleanup>(TYPES.ObjectCleanup);
    const due = Array.from({ length: BACKLOG_LISTED + 2 }, (_, i) => `themes/t/${String(i).padStart(3, '0')}.png`);
    await cleanup.schedule(due, clock.now());
    await cleanup.schedule(['staging/later.png'], new Date(clock.now().getTime() + 3600_000));
    clock.advance(1);
    const backlog = await get(GetDeletionBacklog).execute(admin.actor);
    expect(backlog.keys).to.have.length(BACKLOG_LISTED);
    expect(backlog.more).to.equal(true);
    expect(backlog.keys).to.not.include('staging/later.png');
    await cleanup.done(due.slice(0, 10));
    expect(await get(GetDeletionBacklog).execute(admin.actor)).to.deep.equal({ keys: due.slice(10, 10 + BACKLOG_LISTED), more: false });
    expect((await rejectionOf(get(GetDeletionBacklog).execute(mod.actor))).code).to.equal('forbidden');
  });

  it('ListAuditEvents takes a time window as ISO date-times with an offset, and refuses anything else', async () => {
    const list = (query: Record<string, string>) => get(ListAuditEvents).execute(SYSTEM, { action: 'user.registered', ...query });
    expect((await list({ since: '2026-11-21T11:59:00Z' })).items).to.have.length(3);
    expect((await list({ until: '2026-11-21T14:01:00+02:00' })).items).to.have.length(3);
    expect((await list({ until: '2026-11-21T11:59:00Z' })).items).to.have.length(0);
    for (const since of ['yesterday', '2026-11-21T12:00', '2026-11-21'])
      expect(((await rejectionOf(list({ since }))) as unknown as { errors: { path: string }[] }).errors.map((e) => e.path), since).to.deep.equal(['since']);
    // A cursor belongs to its window: reusing it with another window is refused.
    const page = await get(ListAuditEvents).execute(SYSTEM, { since: '2026-11-21T11:00:00Z', limit: 1 });
    expect((await rejectionOf(get(ListAuditEvents).execute(SYSTEM, { since: '2026-11-21T10:00:00Z', limit: 1, cursor: page.nextCursor! }))).code).to.equal('invalid_cursor');
  });
});
