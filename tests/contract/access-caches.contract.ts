import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../application/ports/event-log.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { RefreshToken } from '../../domain/users/refresh-token.ts';
import { contractSuite } from './coverage.ts';
import { aUser, insertTheme, kitPerTest, savedUserIds, T0, type MakeKit, type PersistenceKit } from './persistence-kit.ts';

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** A change as a use-case writes it: the rows and their event in one transaction. */
function told(kit: PersistenceKit, event: Pick<NewEvent, 'type' | 'actorId'> & { userId?: string | null; themeId?: string | null }, write: () => Promise<unknown>) {
  return kit.tx.run(async () => {
    await write();
    await kit.events.append({
      type: event.type,
      at: T0,
      actorId: event.actorId,
      subject: { themeId: event.themeId ?? null, userId: event.userId ?? null, categoryId: null, imageId: null },
      audience: 'owner',
      data: {},
    });
  });
}

/** UserAccess: what authenticating a token reads, served from memory and exact as long as changes are told through the feed. */
export function userAccessContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.UserAccess, name, () => {
    const kit = kitPerTest(make);

    it('answers a user’s role, status and session generation, and null for an unknown one', async () => {
      const user = aUser({ role: 'moderator' });
      await kit.users.insert(user);
      expect(await kit.userAccess.find(user.id, T0)).to.deep.equal({ role: 'moderator', status: 'active', sessionGeneration: 0, revokedSessions: new Set() });
      expect(await kit.userAccess.find(randomUUID(), T0)).to.equal(null);
      expect(await kit.userAccess.find('not-a-uuid', T0)).to.equal(null);
    });

    it('names the user’s sessions revoked since the time asked, once told, and no other user’s', async () => {
      const [user, other] = [aUser(), aUser()];
      await kit.users.insert(user);
      await kit.users.insert(other);
      const token = (id: string, userId: string, familyId = id) => RefreshToken.issue({ id, userId, tokenHash: `hash-${id}`, familyId, parentId: null, ttlSeconds: 3600 }, T0);
      const [early, late, live, othersId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      for (const t of [token(early, user.id), token(late, user.id), token(randomUUID(), user.id, late), token(live, user.id), token(othersId, other.id)]) await kit.refreshTokens.add(t);
      await kit.refreshTokens.revokeFamily(early, T0);
      await kit.refreshTokens.revokeFamily(othersId, at(60));
      const since = at(30);
      expect((await kit.userAccess.find(user.id, since))!.revokedSessions).to.deep.equal(new Set());
      await told(kit, { type: 'user.session_revoked', actorId: user.id, userId: user.id }, () => kit.refreshTokens.revokeFamily(late, at(60)));
      expect((await kit.userAccess.find(user.id, since))!.revokedSessions).to.deep.equal(new Set([late]));
      expect((await kit.userAccess.find(user.id, T0))!.revokedSessions).to.include(late);
    });

    it('answers the change at the next read once it is told: role, disabling, ended sessions, deletion', async () => {
      const user = aUser();
      await kit.users.insert(user);
      await kit.userAccess.find(user.id, T0);
      const changed = (await kit.users.findById(user.id))!;
      changed.changeRole('admin', T0);
      await told(kit, { type: 'user.role_changed', actorId: null, userId: user.id }, () => kit.users.update(changed));
      expect(await kit.userAccess.find(user.id, T0)).to.deep.include({ role: 'admin' });
      const disabled = (await kit.users.findById(user.id))!;
      disabled.changeStatus('disabled', T0);
      await told(kit, { type: 'user.status_changed', actorId: null, userId: user.id }, () => kit.users.update(disabled));
      expect(await kit.userAccess.find(user.id, T0)).to.deep.equal({ role: 'admin', status: 'disabled', sessionGeneration: 1, revokedSessions: new Set() });
      const ended = (await kit.users.findById(user.id))!;
      ended.endSessions(T0);
      await told(kit, { type: 'user.logged_out_all', actorId: user.id, userId: user.id }, () => kit.users.update(ended));
      expect((await kit.userAccess.find(user.id, T0))!.sessionGeneration).to.equal(2);
      await told(kit, { type: 'user.deleted', actorId: null, userId: user.id }, () => kit.users.delete(user.id));
      expect(await kit.userAccess.find(user.id, T0)).to.equal(null);
    });
  });
}

/** FavoritesLookup: a reader's flags on a shared page, exact as long as favourites are told through the feed. */
export function favoritesLookupContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.FavoritesLookup, name, () => {
    const kit = kitPerTest(make);

    it('answers which of the themes the user favourited, also after favourites come and go', async () => {
      const [owner, reader] = (await savedUserIds(kit, 2)) as [string, string];
      const [a, b] = [await insertTheme(kit, { ownerId: owner }), await insertTheme(kit, { ownerId: owner })];
      await kit.favorites.add(reader, a.id, T0);
      expect(await kit.favoritesLookup.favoritedAmong(reader, [a.id, b.id, randomUUID()])).to.deep.equal(new Set([a.id]));
      expect(await kit.favoritesLookup.favoritedAmong(owner, [a.id, b.id])).to.deep.equal(new Set());
      await told(kit, { type: 'favorite.added', actorId: reader, themeId: b.id, userId: owner }, () => kit.favorites.add(reader, b.id, T0));
      expect(await kit.favoritesLookup.favoritedAmong(reader, [a.id, b.id])).to.deep.equal(new Set([a.id, b.id]));
      await told(kit, { type: 'favorite.removed', actorId: reader, themeId: a.id, userId: owner }, () => kit.favorites.remove(reader, a.id));
      expect(await kit.favoritesLookup.favoritedAmong(reader, [a.id, b.id])).to.deep.equal(new Set([b.id]));
      expect(await kit.favoritesLookup.favoritedAmong(reader, [])).to.deep.equal(new Set());
    });
  });
}
