import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { TYPES } from '../../bootstrap/tokens.ts';
import { UploadTicket } from '../../domain/images/upload-ticket.ts';
import { contractSuite } from './coverage.ts';
import { kitPerTest, T0, type MakeKit } from './persistence-kit.ts';

export function uploadTicketRepoContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.UploadTicketRepo, name, () => {
    const kit = kitPerTest(make);
    const aTicket = (ttlSeconds = 300, at = T0) =>
      UploadTicket.issue(
        { id: randomUUID(), ownerId: randomUUID(), themeId: randomUUID(), kind: 'cover', alt: 'an alt text', contentType: 'image/webp', size: 5_000_000_000 },
        at,
        ttlSeconds,
      );

    it('keeps a ticket as issued (times, sizes past 2^32, an avatar’s null theme) and finds nothing for unknown or malformed ids', async () => {
      const ticket = aTicket();
      const avatar = UploadTicket.issue({ id: randomUUID(), ownerId: randomUUID(), themeId: null, kind: 'avatar', alt: '', contentType: 'image/png', size: 10 }, T0, 60);
      await kit.uploadTickets.insert(ticket);
      await kit.uploadTickets.insert(avatar);
      expect((await kit.uploadTickets.findById(ticket.id))!.toState()).to.deep.equal(ticket.toState());
      expect((await kit.uploadTickets.findById(avatar.id))!.toState()).to.deep.equal(avatar.toState());
      expect(ticket.expiresAt).to.deep.equal(new Date(T0.getTime() + 300_000));
      expect(await kit.uploadTickets.findById(randomUUID())).to.equal(null);
      expect(await kit.uploadTickets.findById('not-a-uuid')).to.equal(null);
      expect(await kit.uploadTickets.lock('not-a-uuid')).to.equal(null);
    });

    it('records the committed image, inside a transaction that locked the ticket; a rolled back one records nothing', async () => {
      const ticket = aTicket();
      await kit.uploadTickets.insert(ticket);
      const imageId = randomUUID();
      await kit.scope(() =>
        kit.tx
          .run(async () => {
            const locked = (await kit.uploadTickets.lock(ticket.id))!;
            locked.commit(randomUUID());
            await kit.uploadTickets.save(locked);
            throw new Error('rolled back');
          })
          .catch(() => undefined),
      );
      expect((await kit.uploadTickets.findById(ticket.id))!.imageId).to.equal(null);
      await kit.scope(() =>
        kit.tx.run(async () => {
          const locked = (await kit.uploadTickets.lock(ticket.id))!;
          locked.commit(imageId);
          await kit.uploadTickets.save(locked);
        }),
      );
      expect((await kit.uploadTickets.findById(ticket.id))!.imageId).to.equal(imageId);
    });

    it('refuses a second ticket with the same id', async () => {
      const ticket = aTicket();
      await kit.uploadTickets.insert(ticket);
      let failed = false;
      await kit.uploadTickets.insert(ticket).catch(() => (failed = true));
      expect(failed).to.equal(true);
    });

    it('forgets the tickets that expired before a date, and says how many', async () => {
      const old = aTicket(60);
      const edge = aTicket(120);
      const fresh = aTicket(3600);
      for (const t of [old, edge, fresh]) await kit.uploadTickets.insert(t);
      expect(await kit.uploadTickets.deleteExpiredBefore(edge.expiresAt)).to.equal(1);
      expect(await kit.uploadTickets.findById(old.id)).to.equal(null);
      expect(await kit.uploadTickets.findById(edge.id)).to.not.equal(null);
      expect(await kit.uploadTickets.deleteExpiredBefore(new Date(T0.getTime() + 86_400_000))).to.equal(2);
    });
  });
}
