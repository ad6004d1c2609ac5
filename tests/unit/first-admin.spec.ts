import { expect } from 'chai';
import { anonymous, SYSTEM } from '../../application/actor.ts';
import { ListAuditEvents } from '../../application/admin/list-audit-events.ts';
import { Login } from '../../application/auth/login.ts';
import { RegisterUser } from '../../application/auth/register-user.ts';
import { CreateFirstAdmin } from '../../application/users/create-first-admin.ts';
import { CreateUser } from '../../application/users/create-user.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember } from '../support/actors.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { testRuntime } from '../support/runtime.ts';

describe('CreateFirstAdmin (FIRST_ADMIN_* at start)', () => {
  let runtime: Runtime;
  const get = <T>(id: new (...args: never[]) => T): T => runtime.container.get(id as never);
  const first = { email: 'Root@Example.com', username: 'root', password: 'first password' };
  const signsIn = (password: string) => get(Login).execute(anonymous(), { login: 'root', password }).then(() => true, () => false);

  beforeEach(async () => {
    runtime = await testRuntime();
  });
  afterEach(() => runtime.close());

  it('creates the admin while there is none, audited, and never again: a later start keeps the password it has', async () => {
    const admin = await get(CreateFirstAdmin).execute(SYSTEM, first);
    expect(admin).to.include({ email: 'root@example.com', username: 'root', role: 'admin', status: 'active' });
    expect(await get(CreateFirstAdmin).execute(SYSTEM, { ...first, password: 'another password' })).to.equal(null);

    expect(await signsIn('first password')).to.equal(true);
    expect(await signsIn('another password')).to.equal(false);
    const audit = await get(ListAuditEvents).execute(SYSTEM, { action: 'user.registered' });
    expect(audit.items.map((e) => [e.targetId, e.details])).to.deep.equal([[admin!.id, { username: 'root', role: 'admin' }]]);
  });

  it('does nothing when an admin already exists, whatever its email', async () => {
    await get(CreateUser).execute(SYSTEM, { email: 'boss@example.com', username: 'boss', password: 'long enough', role: 'admin' });
    expect(await get(CreateFirstAdmin).execute(SYSTEM, first)).to.equal(null);
    expect(await signsIn('first password')).to.equal(false);
  });

  it('does not promote an account that registered the address first, and says so', async () => {
    await get(RegisterUser).execute(anonymous(), { email: 'root@example.com', username: 'squatter', password: 'long enough' });
    expect((await rejectionOf(get(CreateFirstAdmin).execute(SYSTEM, first))).code).to.equal('email_taken');
  });

  it('validates like CreateUser, and only trusted callers may use it', async () => {
    const weak = await rejectionOf(get(CreateFirstAdmin).execute(SYSTEM, { ...first, password: 'short' }));
    expect(weak.code).to.equal('validation_failed');
    expect((await rejectionOf(get(CreateFirstAdmin).execute(SYSTEM, { ...first, role: 'user' }))).code).to.equal('validation_failed');
    const user = await aMember(runtime, 'ada');
    expect((await rejectionOf(get(CreateFirstAdmin).execute(user.actor, first))).code).to.equal('forbidden');
    expect((await rejectionOf(get(CreateFirstAdmin).execute(anonymous(), first))).code).to.equal('unauthenticated');
  });
});
