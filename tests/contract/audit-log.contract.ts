import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditEvent } from '../../application/ports/audit-log.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { contractSuite } from './coverage.ts';
import { at, kitPerTest, type MakeKit } from './persistence-kit.ts';

function anEvent(props: { at: Date; action?: AuditAction; actorId?: string | null; id?: string }): AuditEvent {
  return {
    id: props.id ?? randomUUID(),
    at: props.at,
    actorId: props.actorId === undefined ? randomUUID() : props.actorId,
    action: props.action ?? 'category.created',
    targetType: 'category',
    targetId: randomUUID(),
    ip: '203.0.113.9',
    requestId: 'req-1',
    details: { before: { name: 'Dark' }, after: { name: 'Darker', tags: ['a', 'b'] }, count: 2, flag: true, none: null },
  };
}

export function auditLogContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.AuditLog, name, () => {
    const kit = kitPerTest(make);
    const list = (criteria: { actorId?: string; action?: string; since?: Date; until?: Date } = {}, page: { after?: AuditEvent; limit?: number } = {}) =>
      kit.audit.list(criteria, { after: page.after, limit: page.limit ?? 100 });

    it('records an event and lists it back with every field, details and nulls included', async () => {
      const event = anEvent({ at: at(1) });
      const anonymous = { ...anEvent({ at: at(2), action: 'auth.login_failed', actorId: null }), targetId: null, ip: null, requestId: null, details: {} };
      await kit.audit.record(event);
      await kit.audit.record(anonymous);
      expect(await list()).to.deep.equal([anonymous, event]);
    });

    it('lists newest first, ties on time broken by id, in pages that neither repeat nor skip', async () => {
      const events = [
        ...Array.from({ length: 4 }, () => anEvent({ at: at(1) })),
        ...Array.from({ length: 3 }, () => anEvent({ at: at(2) })),
        anEvent({ at: at(0) }),
      ];
      for (const event of events) await kit.audit.record(event);
      const expected = [...events].sort((x, y) => y.at.getTime() - x.at.getTime() || (y.id > x.id ? 1 : -1)).map((e) => e.id);
      const seen: string[] = [];
      let after: AuditEvent | undefined;
      for (let page = 0; page < 5; page++) {
        const items = await list({}, { after, limit: 3 });
        seen.push(...items.map((e) => e.id));
        if (items.length < 3) break;
        after = items.at(-1);
      }
      expect(seen).to.deep.equal(expected);
    });

    it('filters by actor and by action, together', async () => {
      const actor = randomUUID();
      const mine = anEvent({ at: at(1), actorId: actor, action: 'theme.deleted' });
      await kit.audit.record(mine);
      await kit.audit.record(anEvent({ at: at(2), actorId: actor, action: 'category.created' }));
      await kit.audit.record(anEvent({ at: at(3), action: 'theme.deleted' }));
      expect((await list({ actorId: actor })).map((e) => e.action)).to.deep.equal(['category.created', 'theme.deleted']);
      expect(await list({ action: 'theme.deleted' })).to.have.length(2);
      expect(await list({ actorId: actor, action: 'theme.deleted' })).to.deep.equal([mine]);
      expect(await list({ action: 'user.deleted' })).to.deep.equal([]);
    });

    it('filters by a time window: since inclusive, until exclusive, with the other filters and pages', async () => {
      const events = [0, 1, 2, 3, 4].map((second) => anEvent({ at: at(second), action: second % 2 ? 'theme.deleted' : 'category.created' }));
      for (const event of events) await kit.audit.record(event);
      const positions = async (criteria: Parameters<typeof list>[0], page?: Parameters<typeof list>[1]) =>
        (await list(criteria, page)).map((e) => events.findIndex((x) => x.id === e.id));
      expect(await positions({ since: at(1), until: at(3) })).to.deep.equal([2, 1]);
      expect(await positions({ since: at(3) })).to.deep.equal([4, 3]);
      expect(await positions({ until: at(1) })).to.deep.equal([0]);
      expect(await positions({ since: at(1), action: 'theme.deleted' })).to.deep.equal([3, 1]);
      expect(await positions({ since: at(0), until: at(4) }, { after: events[2], limit: 1 })).to.deep.equal([1]);
      expect(await positions({ since: at(3), until: at(3) })).to.deep.equal([]);
    });

    it('writes inside the caller’s transaction: a rolled-back change leaves no event', async () => {
      await rejectionOf(
        kit.tx.run(async () => {
          await kit.audit.record(anEvent({ at: at(1) }));
          throw new Error('boom');
        }),
      );
      expect(await list()).to.deep.equal([]);
    });
  });
}
