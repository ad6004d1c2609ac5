import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { TYPES } from '../../bootstrap/tokens.ts';
import { RefreshToken } from '../../domain/users/refresh-token.ts';
import { contractSuite } from './coverage.ts';
import { aUser, kitPerTest, T0, type MakeKit } from './persistence-kit.ts';

export function refreshTokenRepoContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.RefreshTokenRepo, name, () => {
    const kit = kitPerTest(make);
    let userId: string;
    const token = (familyId?: string, owner = userId) => {
      const id = randomUUID();
      return RefreshToken.issue({ id, userId: owner, tokenHash: `hash-${id}`, familyId: familyId ?? id, parentId: null, ttlSeconds: 3600 }, T0);
    };

    beforeEach(async () => {
      const user = aUser();
      await kit.users.insert(user);
      userId = user.id;
    });

    it('adds and finds by hash', async () => {
      const t = token();
      await kit.refreshTokens.add(t);
      const found = await kit.refreshTokens.findByHash(t.tokenHash);
      expect(found).to.be.instanceOf(RefreshToken);
      expect(found!.toState()).to.deep.equal(t.toState());
      expect(await kit.refreshTokens.findByHash('unknown')).to.equal(null);
    });

    it('marks a token rotated exactly once, and never a revoked one', async () => {
      const t = token();
      await kit.refreshTokens.add(t);
      const results = await Promise.all([kit.refreshTokens.markRotated(t.id, T0), kit.refreshTokens.markRotated(t.id, T0)]);
      expect(results.filter(Boolean)).to.have.length(1);
      expect((await kit.refreshTokens.findByHash(t.tokenHash))!.rotatedAt).to.deep.equal(T0);

      const revoked = token();
      await kit.refreshTokens.add(revoked);
      await kit.refreshTokens.revokeFamily(revoked.familyId, T0);
      expect(await kit.refreshTokens.markRotated(revoked.id, T0)).to.equal(false);
    });

    it('lists the user’s live sessions, last used first: created at the sign-in, last used where the newest token was issued', async () => {
      const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
      const issue = async (props: { familyId?: string; owner?: string; ttl?: number; ua: string }, seconds: number) => {
        const id = randomUUID();
        const t = RefreshToken.issue(
          { id, userId: props.owner ?? userId, tokenHash: `hash-${id}`, familyId: props.familyId ?? id, parentId: null, ttlSeconds: props.ttl ?? 3600, ip: `10.0.0.${seconds}`, userAgent: props.ua },
          at(seconds),
        );
        await kit.refreshTokens.add(t);
        return t;
      };
      const laptop = await issue({ ua: 'laptop-1' }, 1);
      await kit.refreshTokens.markRotated(laptop.id, at(30));
      await issue({ familyId: laptop.familyId, ua: 'laptop-2' }, 30);
      const phone = await issue({ ua: 'phone' }, 20);
      const revoked = await issue({ ua: 'revoked' }, 2);
      await kit.refreshTokens.revokeFamily(revoked.familyId, at(3));
      await issue({ ua: 'expired', ttl: 5 }, 4);
      const other = aUser();
      await kit.users.insert(other);
      await issue({ ua: 'someone else', owner: other.id }, 5);

      expect(await kit.refreshTokens.activeSessionsOf(userId, at(40))).to.deep.equal([
        { id: laptop.familyId, createdAt: at(1), lastUsedAt: at(30), ip: '10.0.0.30', userAgent: 'laptop-2' },
        { id: phone.familyId, createdAt: at(20), lastUsedAt: at(20), ip: '10.0.0.20', userAgent: 'phone' },
      ]);
      expect(await kit.refreshTokens.activeSessionsOf(userId, at(3625))).to.deep.equal([
        { id: laptop.familyId, createdAt: at(1), lastUsedAt: at(30), ip: '10.0.0.30', userAgent: 'laptop-2' },
      ]);
    });

    it('revokes one family, or every token of a user, and nothing else', async () => {
      const a1 = token();
      const a2 = token(a1.familyId);
      const b = token();
      const other = aUser();
      await kit.users.insert(other);
      const theirs = token(undefined, other.id);
      for (const t of [a1, a2, b, theirs]) await kit.refreshTokens.add(t);

      const later = new Date(T0.getTime() + 5000);
      await kit.refreshTokens.revokeFamily(a1.familyId, later);
      const revokedAt = async (t: RefreshToken) => (await kit.refreshTokens.findByHash(t.tokenHash))!.revokedAt;
      expect(await revokedAt(a1)).to.deep.equal(later);
      expect(await revokedAt(a2)).to.deep.equal(later);
      expect(await revokedAt(b)).to.equal(null);

      await kit.refreshTokens.revokeAllOfUser(userId, new Date(T0.getTime() + 9000));
      expect(await revokedAt(a1)).to.deep.equal(later); // the first revocation time is kept
      expect(await revokedAt(b)).to.deep.equal(new Date(T0.getTime() + 9000));
      expect(await revokedAt(theirs)).to.equal(null);
    });

    it('prunes the tokens expired before the cut-off, but a family’s first only with its last, and nothing else', async () => {
      const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
      const issue = async (parent: RefreshToken | null, seconds: number, ttl = 3600) => {
        const id = randomUUID();
        const t = RefreshToken.issue({ id, userId, tokenHash: `hash-${id}`, familyId: parent?.familyId ?? id, parentId: parent?.id ?? null, ttlSeconds: ttl }, at(seconds));
        if (parent) await kit.refreshTokens.markRotated(parent.id, at(seconds));
        await kit.refreshTokens.add(t);
        return t;
      };
      const first = await issue(null, 0); // expires at 3600: the sign-in, kept while its family lives
      const spent = await issue(first, 100); // expires at 3700
      const current = await issue(spent, 200); // expires at 3800
      const revoked = await issue(null, 0, 60);
      await issue(revoked, 50, 60);
      await kit.refreshTokens.revokeFamily(revoked.familyId, at(55));
      const expired = await issue(null, 10);
      const recent = await issue(null, 1000);
      const left = async () => {
        const found = await Promise.all([first, spent, current, revoked, expired, recent].map((t) => kit.refreshTokens.findByHash(t.tokenHash)));
        return found.map((t) => t !== null);
      };

      expect(await kit.refreshTokens.prune(at(110))).to.equal(0); // the revoked family’s first (expired at 60) stays with its last (110)
      expect(await kit.refreshTokens.prune(at(111))).to.equal(2);
      expect(await left()).to.deep.equal([true, true, true, false, true, true]);
      expect(await kit.refreshTokens.prune(at(3750))).to.equal(2); // the expired sign-in (3610), and the spent token (3700)
      expect(await left()).to.deep.equal([true, false, true, false, false, true]);
      expect(await kit.refreshTokens.activeSessionsOf(userId, at(3750))).to.deep.include({ id: first.familyId, createdAt: at(0), lastUsedAt: at(200), ip: null, userAgent: null });
      expect(await kit.refreshTokens.prune(at(3750))).to.equal(0);
      expect(await kit.refreshTokens.prune(at(4601))).to.equal(3);
      expect(await left()).to.deep.equal([false, false, false, false, false, false]);
    });
  });
}
