import { expect } from 'chai';
import { ANONYMOUS, SYSTEM } from '../../application/actor.ts';
import { ListAuditEvents } from '../../application/admin/list-audit-events.ts';
import { CreateCategory } from '../../application/categories/create-category.ts';
import { DeleteCategory } from '../../application/categories/delete-category.ts';
import { GetCategory } from '../../application/categories/get-category.ts';
import { ListCategories } from '../../application/categories/list-categories.ts';
import { UpdateCategory } from '../../application/categories/update-category.ts';
import { CreateTheme } from '../../application/themes/create-theme.ts';
import { DeleteTheme } from '../../application/themes/delete-theme.ts';
import { ExportTheme } from '../../application/themes/export-theme.ts';
import { FavoriteTheme } from '../../application/themes/favorite-theme.ts';
import { GetTheme } from '../../application/themes/get-theme.ts';
import { ListFavorites } from '../../application/themes/list-favorites.ts';
import { SearchThemes } from '../../application/themes/search-themes.ts';
import { UnfavoriteTheme } from '../../application/themes/unfavorite-theme.ts';
import { UpdateTheme } from '../../application/themes/update-theme.ts';
import { DeleteAccount } from '../../application/users/delete-account.ts';
import type { ValidationFailed } from '../../domain/errors.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember, type Member } from '../support/actors.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { testRuntime } from '../support/runtime.ts';

const palette = [
  { name: 'Deep', hex: '#0B3D91', role: 'primary' },
  { name: 'Foam', hex: '#e0f7fa', role: 'background' },
];

describe('themes and categories (use-cases on memory adapters)', () => {
  let runtime: Runtime;
  let clock: FixedClock;
  let ada: Member;
  let bob: Member;
  let mod: Member;
  const get = <T>(id: new (...args: never[]) => T): T => runtime.container.get(id as never);
  const create = (member: Member, input: object = {}) => get(CreateTheme).execute(member.actor, { name: 'Ocean Breeze', colors: palette, ...input });
  const auditActions = async () => (await get(ListAuditEvents).execute(SYSTEM, { limit: 100 })).items.map((e) => e.action);

  beforeEach(async () => {
    clock = new FixedClock();
    runtime = await testRuntime({ clock });
    ada = await aMember(runtime, 'ada');
    bob = await aMember(runtime, 'bob');
    mod = await aMember(runtime, 'mod', 'moderator');
  });
  afterEach(() => runtime.close());

  describe('CreateTheme', () => {
    it('creates a draft with a lower-cased palette in order, de-duplicated tags and version 1', async () => {
      const { theme, owner, favorited } = await create(ada, { tags: ['Blue', 'calm', 'blue'] });
      expect(theme).to.include({ slug: 'ocean-breeze', status: 'draft', version: 1, favoriteCount: 0, description: '' });
      expect(theme.colors).to.deep.equal([
        { name: 'Deep', hex: '#0b3d91', role: 'primary' },
        { name: 'Foam', hex: '#e0f7fa', role: 'background' },
      ]);
      expect(theme.tags).to.deep.equal(['blue', 'calm']);
      expect(owner).to.deep.equal({ id: ada.id, username: 'ada', displayName: 'ada' });
      expect(favorited).to.equal(false);
    });

    it('makes slugs unique: ocean-breeze, ocean-breeze-2, ocean-breeze-3', async () => {
      const slugs = [];
      for (const member of [ada, bob, ada]) slugs.push((await create(member)).theme.slug);
      expect(slugs).to.deep.equal(['ocean-breeze', 'ocean-breeze-2', 'ocean-breeze-3']);
    });

    it('refuses bad input, naming each field, and writes nothing', async () => {
      const cases: [object, string][] = [
        [{ colors: [] }, 'colors'],
        [{ colors: Array.from({ length: 17 }, () => palette[1]) }, 'colors'],
        [{ colors: [{ name: 'X', hex: 'blue' }] }, 'colors.0.hex'],
        [{ colors: [{ name: '', hex: '#000000' }] }, 'colors.0.name'],
        [{ colors: [{ name: 'X', hex: '#000000', role: 'hero' }] }, 'colors.0.role'],
        [{ name: 'x'.repeat(81) }, 'name'],
        [{ description: 'x'.repeat(2001) }, 'description'],
        [{ tags: ['no spaces'] }, 'tags.0'],
        [{ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
        [{ categoryId: '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d' }, 'categoryId'],
        [{ status: 'archived' }, 'status'],
        [{ owner: 'bob' }, 'owner'],
        [{ colors: [palette[0], { ...palette[1], role: 'primary' }] }, 'colors'],
      ];
      for (const [input, path] of cases) {
        const error = (await rejectionOf(create(ada, input))) as unknown as { code: string; errors: { path: string }[] };
        expect(error.code, JSON.stringify(input)).to.equal('validation_failed');
        expect(error.errors.map((e) => e.path), JSON.stringify(input)).to.include(path);
      }
      expect((await get(SearchThemes).execute(ada.actor, { owner: 'me' })).items).to.have.length(0);
    });

    it('accepts 10 distinct tags given as 11 with a duplicate', async () => {
      const tags = [...Array.from({ length: 10 }, (_, i) => `t${i}`), 'T0'];
      expect((await create(ada, { tags })).theme.tags).to.have.length(10);
    });

    it('refuses anonymous callers', async () => {
      expect((await rejectionOf(get(CreateTheme).execute(ANONYMOUS, { name: 'X', colors: palette }))).code).to.equal('unauthenticated');
    });
  });

  describe('GetTheme', () => {
    it('shows a draft to its owner and moderators only; to others it does not exist', async () => {
      const { theme } = await create(ada);
      expect((await get(GetTheme).execute(ada.actor, theme.id)).theme.id).to.equal(theme.id);
      expect((await get(GetTheme).execute(mod.actor, 'ocean-breeze')).theme.id).to.equal(theme.id);
      for (const actor of [bob.actor, ANONYMOUS]) expect((await rejectionOf(get(GetTheme).execute(actor, theme.id))).code).to.equal('not_found');
    });
  });

  describe('UpdateTheme', () => {
    it('applies changes, grows the version by one, and renames the slug with the name', async () => {
      const { theme } = await create(ada);
      clock.advance(5);
      const changed = await get(UpdateTheme).execute(ada.actor, theme.id, { name: 'Night Sky', status: 'published' });
      expect(changed.theme).to.include({ name: 'Night Sky', slug: 'night-sky', status: 'published', version: 2 });
      expect(changed.theme.updatedAt.getTime() - changed.theme.createdAt.getTime()).to.equal(5000);
      const again = await get(UpdateTheme).execute(ada.actor, theme.id, { description: 'dark' });
      expect(again.theme).to.include({ slug: 'night-sky', version: 3 });
    });

    it('refuses a stale If-Match version with precondition_failed and changes nothing', async () => {
      const { theme } = await create(ada);
      await get(UpdateTheme).execute(ada.actor, theme.id, { description: 'first' }, 1);
      const error = await rejectionOf(get(UpdateTheme).execute(ada.actor, theme.id, { description: 'second' }, 1));
      expect(error.code).to.equal('precondition_failed');
      expect((await get(GetTheme).execute(ada.actor, theme.id)).theme).to.include({ description: 'first', version: 2 });
    });

    it('lets exactly one of two concurrent updates with the same If-Match win', async () => {
      const { theme } = await create(ada);
      const results = await Promise.allSettled([
        get(UpdateTheme).execute(ada.actor, theme.id, { name: 'One' }, 1),
        get(UpdateTheme).execute(mod.actor, theme.id, { name: 'Two' }, 1),
      ]);
      expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).to.equal('precondition_failed');
    });

    it('lets the owner and moderators change it, refuses other users, and hides others’ drafts', async () => {
      const { theme } = await create(ada, { status: 'published' });
      await get(UpdateTheme).execute(mod.actor, theme.id, { status: 'draft' });
      expect((await rejectionOf(get(UpdateTheme).execute(bob.actor, theme.id, { name: 'Mine' }))).code).to.equal('not_found');
      await get(UpdateTheme).execute(ada.actor, theme.id, { status: 'published' });
      expect((await rejectionOf(get(UpdateTheme).execute(bob.actor, theme.id, { name: 'Mine' }))).code).to.equal('forbidden');
    });
  });

  describe('DeleteTheme', () => {
    it('deletes; records theme.deleted only when someone other than the owner does it', async () => {
      const mine = await create(ada, { status: 'published' });
      const moderated = await create(bob, { status: 'published', name: 'Other' });
      expect((await rejectionOf(get(DeleteTheme).execute(bob.actor, mine.theme.id))).code).to.equal('forbidden');
      await get(DeleteTheme).execute(ada.actor, mine.theme.id);
      expect(await auditActions()).to.not.include('theme.deleted');
      await get(DeleteTheme).execute(mod.actor, moderated.theme.id);
      expect(await auditActions()).to.include('theme.deleted');
      expect((await rejectionOf(get(GetTheme).execute(mod.actor, moderated.theme.id))).code).to.equal('not_found');
    });
  });

  describe('favourites', () => {
    it('count once per user, idempotently, and show as favorited to that user only', async () => {
      const { theme } = await create(ada, { status: 'published' });
      await get(FavoriteTheme).execute(bob.actor, theme.id);
      await get(FavoriteTheme).execute(bob.actor, theme.id);
      await Promise.all([get(FavoriteTheme).execute(mod.actor, theme.id), get(FavoriteTheme).execute(mod.actor, theme.id)]);
      expect((await get(GetTheme).execute(bob.actor, theme.id)).favorited).to.equal(true);
      expect((await get(GetTheme).execute(ada.actor, theme.id)).favorited).to.equal(false);
      expect((await get(GetTheme).execute(ANONYMOUS, theme.id)).theme.favoriteCount).to.equal(2);
      await get(UnfavoriteTheme).execute(bob.actor, theme.id);
      await get(UnfavoriteTheme).execute(bob.actor, theme.id);
      expect((await get(GetTheme).execute(ANONYMOUS, theme.id)).theme.favoriteCount).to.equal(1);
    });

    it('cannot be added to a draft one cannot see', async () => {
      const { theme } = await create(ada);
      expect((await rejectionOf(get(FavoriteTheme).execute(bob.actor, theme.id))).code).to.equal('not_found');
    });

    it('are listed newest first in pages, and leave with a deleted account, counts included', async () => {
      const ids = [];
      for (let i = 0; i < 5; i++) {
        const { theme } = await create(ada, { status: 'published', name: `T${i}` });
        clock.advance(1);
        await get(FavoriteTheme).execute(bob.actor, theme.id);
        ids.push(theme.id);
      }
      const first = await get(ListFavorites).execute(bob.actor, { limit: '3' });
      const second = await get(ListFavorites).execute(bob.actor, { limit: '3', cursor: first.nextCursor });
      expect([...first.items, ...second.items].map((v) => v.theme.id)).to.deep.equal([...ids].reverse());
      expect(second.nextCursor).to.equal(null);

      await get(DeleteAccount).execute(bob.actor);
      expect((await get(GetTheme).execute(ANONYMOUS, ids[0]!)).theme.favoriteCount).to.equal(0);
    });
  });

  describe('SearchThemes', () => {
    it('pages with an opaque cursor bound to its query: a forged or foreign cursor is invalid_cursor', async () => {
      for (let i = 0; i < 5; i++) await create(ada, { status: 'published', name: `Blue ${i}`, tags: ['blue'] });
      const first = await get(SearchThemes).execute(ANONYMOUS, { tag: 'blue', limit: '2' });
      expect(first.items).to.have.length(2);
      const second = await get(SearchThemes).execute(ANONYMOUS, { tag: 'blue', limit: '2', cursor: first.nextCursor });
      expect(second.items.map((v) => v.theme.id)).to.not.include.members(first.items.map((v) => v.theme.id));
      const cursor = first.nextCursor!;
      const forged = `${cursor.slice(0, -2)}${cursor.endsWith('A') ? 'B' : 'A'}A`;
      for (const bad of [forged, 'garbage', `${cursor}.x`, ''])
        expect((await rejectionOf(get(SearchThemes).execute(ANONYMOUS, { tag: 'blue', cursor: bad || '.' }))).code).to.equal('invalid_cursor');
      expect((await rejectionOf(get(SearchThemes).execute(ANONYMOUS, { tag: 'red', cursor }))).code).to.equal('invalid_cursor');
      expect((await rejectionOf(get(SearchThemes).execute(ANONYMOUS, { tag: 'blue', sort: 'name', cursor }))).code).to.equal('invalid_cursor');
    });

    it('owner=me lists the caller’s drafts and needs a token; unknown owners and categories match nothing', async () => {
      await create(ada);
      await create(ada, { status: 'published', name: 'Public' });
      expect((await get(SearchThemes).execute(ada.actor, { owner: 'me' })).items).to.have.length(2);
      expect((await get(SearchThemes).execute(bob.actor, { owner: 'ada' })).items).to.have.length(1);
      expect((await rejectionOf(get(SearchThemes).execute(ANONYMOUS, { owner: 'me' }))).code).to.equal('unauthenticated');
      expect((await get(SearchThemes).execute(ANONYMOUS, { owner: 'ghost' })).items).to.deep.equal([]);
      expect((await get(SearchThemes).execute(ANONYMOUS, { category: 'none' })).items).to.deep.equal([]);
    });

    it('combines words, category, tag and colour', async () => {
      const dark = await get(CreateCategory).execute(mod.actor, { name: 'Dark' });
      await create(ada, { status: 'published', name: 'Deep Ocean', categoryId: dark.id, tags: ['blue'] });
      await create(ada, { status: 'published', name: 'Deep Forest', categoryId: dark.id, tags: ['green'], colors: [{ name: 'Moss', hex: '#2e5e2e' }] });
      const found = await get(SearchThemes).execute(ANONYMOUS, { q: 'deep', category: 'dark', tag: 'blue', color: '#0c3e92' });
      expect(found.items.map((v) => v.theme.name)).to.deep.equal(['Deep Ocean']);
      expect(found.items[0]!.category).to.deep.equal({ id: dark.id, slug: 'dark', name: 'Dark' });
      expect((await get(SearchThemes).execute(ANONYMOUS, { q: 'deep', color: '#ff0000' })).items).to.deep.equal([]);
    });
  });

  describe('ExportTheme', () => {
    it('exports CSS custom properties, role names first, names made safe, as <slug>.css', async () => {
      const { theme } = await create(ada, { status: 'published', colors: [{ name: 'Deep Blue!', hex: '#0b3d91', role: 'primary' }, { name: '2nd tone', hex: '#FFFFFF' }] });
      const css = await get(ExportTheme).execute(ANONYMOUS, theme.slug, { format: 'css' });
      expect(css.file).to.include({ fileName: 'ocean-breeze.css', mediaType: 'text/css; charset=utf-8' });
      expect(css.file.body).to.equal('/* Ocean Breeze */\n:root {\n  --primary: #0b3d91;\n  --deep-blue: #0b3d91;\n  --c-2nd-tone: #ffffff;\n}\n');
      expect(css).to.include({ themeId: theme.id, version: 1, published: true });
      const json = await get(ExportTheme).execute(ANONYMOUS, theme.id, { format: 'json' });
      expect(JSON.parse(json.file.body as string).color['deep-blue'].$value.hex).to.equal('#0b3d91');
      expect((await rejectionOf(get(ExportTheme).execute(ANONYMOUS, theme.id, { format: 'xml' }))).code).to.equal('validation_failed');
    });

    it('refuses shades except for tailwind, a malformed boolean and an unknown parameter, naming the field', async () => {
      const { theme } = await create(ada, { status: 'published' });
      const tailwind = await get(ExportTheme).execute(ANONYMOUS, theme.id, { format: 'tailwind', shades: 'true' });
      expect(tailwind.file.body).to.include('--color-deep-50:');
      const refusals = [{ format: 'css', shades: 'true' }, { format: 'tailwind', shades: 'yes' }, { format: 'css', size: 'thumbnail' }];
      const paths = [];
      for (const input of refusals) paths.push(((await rejectionOf(get(ExportTheme).execute(ANONYMOUS, theme.id, input))) as ValidationFailed).errors.map((e) => e.path));
      expect(paths).to.deep.equal([['shades'], ['shades'], ['size']]);
    });
  });

  describe('categories', () => {
    it('are managed by moderators: slug derived or given, unique, counts of published themes', async () => {
      expect((await rejectionOf(get(CreateCategory).execute(ada.actor, { name: 'Dark' }))).code).to.equal('forbidden');
      const dark = await get(CreateCategory).execute(mod.actor, { name: 'Dark Mode' });
      expect(dark.slug).to.equal('dark-mode');
      expect((await rejectionOf(get(CreateCategory).execute(mod.actor, { name: 'Other', slug: 'dark-mode' }))).code).to.equal('slug_taken');
      expect((await rejectionOf(get(CreateCategory).execute(mod.actor, { name: 'Other', slug: 'Not A Slug' }))).code).to.equal('validation_failed');
      await create(ada, { status: 'published', categoryId: dark.id });
      await create(ada, { categoryId: dark.id });
      expect((await get(GetCategory).execute('dark-mode')).themeCount).to.equal(1);
      const renamed = await get(UpdateCategory).execute(mod.actor, dark.id, { name: 'Night' });
      expect(renamed).to.include({ name: 'Night', slug: 'dark-mode' });
      expect((await get(ListCategories).execute()).map((c) => c.category.name)).to.deep.equal(['Night']);
      expect(await auditActions()).to.include.members(['category.created', 'category.updated']);
    });

    it('cannot be deleted while a theme uses them', async () => {
      const dark = await get(CreateCategory).execute(mod.actor, { name: 'Dark' });
      const { theme } = await create(ada, { categoryId: dark.id });
      expect((await rejectionOf(get(DeleteCategory).execute(mod.actor, dark.id))).code).to.equal('category_in_use');
      await get(UpdateTheme).execute(ada.actor, theme.id, { categoryId: null });
      await get(DeleteCategory).execute(mod.actor, dark.id);
      expect((await rejectionOf(get(GetCategory).execute('dark'))).code).to.equal('not_found');
      expect(await auditActions()).to.include('category.deleted');
    });
  });
});
