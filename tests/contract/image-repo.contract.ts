import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { TYPES } from '../../bootstrap/tokens.ts';
import { Image } from '../../domain/images/image.ts';
import { contractSuite } from './coverage.ts';
import { anImageRecord, at, insertTheme, kitPerTest, savedUserIds, type MakeKit } from './persistence-kit.ts';

export function imageRepoContract(name: string, make: MakeKit): void {
  contractSuite(TYPES.ImageRepo, name, () => {
    const kit = kitPerTest(make);
    let owner: string;
    let other: string;
    const stored = async (props: Parameters<typeof anImageRecord>[0]) => {
      const image = anImageRecord(props);
      await kit.images.insert(image);
      return image;
    };
    const ids = (images: Image[]) => images.map((i) => i.id);

    beforeEach(async () => {
      [owner, other] = (await savedUserIds(kit, 2)) as [string, string];
    });

    it('inserts and finds an image with every field and its object keys; an unknown or malformed id finds nothing', async () => {
      const theme = await insertTheme(kit, { ownerId: owner });
      const image = await stored({ ownerId: owner, themeId: theme.id, kind: 'cover' });
      const found = await kit.images.findById(image.id);
      expect(found).to.be.instanceOf(Image);
      expect(found!.toState()).to.deep.equal(image.toState());
      expect(found!.keys()).to.deep.equal([`themes/${theme.id}/${image.id}/original`, `themes/${theme.id}/${image.id}/thumb.webp`]);
      expect(await kit.images.findById(randomUUID())).to.equal(null);
      expect(await kit.images.findById('not-a-uuid')).to.equal(null);
    });

    it('lists the images of one theme, oldest first', async () => {
      const theme = await insertTheme(kit, { ownerId: owner });
      const elsewhere = await insertTheme(kit, { ownerId: owner });
      const late = await stored({ ownerId: owner, themeId: theme.id, createdAt: at(2) });
      const early = await stored({ ownerId: owner, themeId: theme.id, createdAt: at(1) });
      await stored({ ownerId: owner, themeId: elsewhere.id });
      await stored({ ownerId: owner, themeId: null });
      expect(ids(await kit.images.listByTheme(theme.id))).to.deep.equal([early.id, late.id]);
      expect(await kit.images.listByTheme(randomUUID())).to.deep.equal([]);
    });

    it('sums up many themes at once: their image count and cover; themes without images are absent', async () => {
      const pictured = await insertTheme(kit, { ownerId: owner });
      const uncovered = await insertTheme(kit, { ownerId: owner });
      const bare = await insertTheme(kit, { ownerId: owner });
      const cover = await stored({ ownerId: owner, themeId: pictured.id, kind: 'cover' });
      await stored({ ownerId: owner, themeId: pictured.id });
      await stored({ ownerId: owner, themeId: uncovered.id });
      const summaries = await kit.images.summariesOf([pictured.id, uncovered.id, bare.id]);
      expect([...summaries.keys()].sort()).to.deep.equal([pictured.id, uncovered.id].sort());
      expect(summaries.get(pictured.id)!.count).to.equal(2);
      expect(summaries.get(pictured.id)!.cover?.id).to.equal(cover.id);
      expect(summaries.get(uncovered.id)).to.deep.equal({ count: 1, cover: null });
      expect((await kit.images.summariesOf([])).size).to.equal(0);
    });

    it('counts a theme’s images and finds its cover under the lock, and says when the theme is gone', async () => {
      const theme = await insertTheme(kit, { ownerId: owner });
      const cover = await stored({ ownerId: owner, themeId: theme.id, kind: 'cover' });
      await stored({ ownerId: owner, themeId: theme.id });
      const locked = await kit.tx.run(() => kit.images.lockThemeAndCount(theme.id));
      expect({ ...locked, cover: locked.cover?.id }).to.deep.equal({ exists: true, count: 2, cover: cover.id });
      expect(await kit.tx.run(() => kit.images.lockThemeAndCount(randomUUID()))).to.deep.equal({ exists: false, count: 0, cover: null });
    });

    it('holds the count under concurrent uploads: of two racing for the last free place, one gets it', async () => {
      const theme = await insertTheme(kit, { ownerId: owner });
      const limit = 1;
      const upload = () =>
        kit.scope(() =>
          kit.tx.run(async () => {
            const { count } = await kit.images.lockThemeAndCount(theme.id);
            if (count >= limit) return false;
            await kit.images.insert(anImageRecord({ ownerId: owner, themeId: theme.id }));
            return true;
          }),
        );
      const results = await Promise.all([upload(), upload()]);
      expect(results.filter(Boolean)).to.have.length(1);
      expect(await kit.images.listByTheme(theme.id)).to.have.length(1);
    });

    it('deletes one image; deleting a missing one is no error', async () => {
      const theme = await insertTheme(kit, { ownerId: owner });
      const gone = await stored({ ownerId: owner, themeId: theme.id });
      const kept = await stored({ ownerId: owner, themeId: theme.id });
      await kit.images.delete(gone.id);
      await kit.images.delete(gone.id);
      expect(ids(await kit.images.listByTheme(theme.id))).to.deep.equal([kept.id]);
    });

    it('lists what a user owns: their avatars and every image of their themes, whoever uploaded it', async () => {
      const mine = await insertTheme(kit, { ownerId: owner });
      const theirs = await insertTheme(kit, { ownerId: other });
      const avatar = await stored({ ownerId: owner, themeId: null });
      const mineByMe = await stored({ ownerId: owner, themeId: mine.id });
      const mineByThem = await stored({ ownerId: other, themeId: mine.id });
      await stored({ ownerId: other, themeId: theirs.id });
      await stored({ ownerId: other, themeId: null });
      expect(ids(await kit.images.listOwnedBy(owner)).sort()).to.deep.equal([avatar.id, mineByMe.id, mineByThem.id].sort());
      expect(await kit.images.listOwnedBy(randomUUID())).to.deep.equal([]);
    });
  });
}
