import { expect } from 'chai';
import { Category } from '../../domain/categories/category.ts';
import type { Image } from '../../domain/images/image.ts';
import type { RefreshToken } from '../../domain/users/refresh-token.ts';
import { Theme } from '../../domain/themes/theme.ts';
import { User } from '../../domain/users/user.ts';

const T0 = new Date('2026-11-21T12:00:00.000Z');
const T1 = new Date('2026-11-21T12:00:01.000Z');

const aUser = () => User.create({ id: 'u1', email: 'ada@example.com', username: 'ada', passwordHash: 'hash' }, T0);
const aTheme = () =>
  Theme.create(
    { id: 't1', ownerId: 'u1', slug: 'ocean', name: 'Ocean', description: '', categoryId: null, colors: [{ name: 'Deep', hex: '#0b3d91', role: 'primary' }], tags: ['blue'], status: 'draft' },
    T0,
  );

describe('aggregates: state in, state out', () => {
  it('rebuilds a user from its state, and only intent methods change it', () => {
    const user = aUser();
    const state = user.toState();
    expect(User.restore(state).toState()).to.deep.equal(state);

    user.changeRole('admin', T1);
    expect(user.role).to.equal('admin');
    expect(user.updatedAt).to.equal(T1);
    expect(state.role).to.equal('user'); // what a repository stored earlier is not changed behind its back
  });

  it('names the fields its intent methods changed, for writes that store only those', () => {
    const user = User.restore(aUser().toState());
    expect(user.changes()).to.deep.equal({});
    user.updateProfile({ bio: 'hello', displayName: undefined }, T1);
    user.changeStatus('disabled', T1);
    // Disabling also ends every session (the generation access tokens carry moves on).
    expect(user.changes()).to.deep.equal({ bio: 'hello', status: 'disabled', sessionGeneration: 1, updatedAt: T1 });
    expect(Object.keys(user.toState())).to.not.include('changes');
  });

  it('hands out copies: changing a stored state or a restored one leaves the other as it was', () => {
    const theme = aTheme();
    const state = theme.toState();
    (state.tags as string[]).push('red');
    expect(theme.tags).to.deep.equal(['blue']);

    const stored = { ...theme.toState() };
    const restored = Theme.restore(stored);
    restored.edit({ name: 'Sea', tags: ['green'] }, T1, 1);
    expect(stored).to.include({ name: 'Ocean', version: 1 });
    expect(stored.tags).to.deep.equal(['blue']);
    expect(restored.toState()).to.include({ name: 'Sea', version: 2 });
  });

  it('keeps a category’s slug unless an edit gives one', () => {
    const category = Category.create({ id: 'c1', slug: 'dark', name: 'Dark', description: '' }, T0);
    category.edit({ name: 'Darker' }, T1);
    expect(category.toState()).to.deep.equal({ id: 'c1', slug: 'dark', name: 'Darker', description: '', createdAt: T0, updatedAt: T1 });
  });
});

/**
 * What must not compile outside the aggregates: their state changes only through intent methods.
 * `npm run typecheck` fails if any line here stops being an error. Never called.
 */
export function forbiddenWrites(user: User, theme: Theme, category: Category, image: Image, token: RefreshToken): void {
  // @ts-expect-error the role changes through changeRole
  user.role = 'admin';
  // @ts-expect-error logins are stamped by the repository's conditional write
  user.lastLoginAt = null;
  // @ts-expect-error versions grow through edit
  theme.version = 2;
  // @ts-expect-error favourite counts are the repository's
  theme.favoriteCount = 10;
  // @ts-expect-error tags are read-only from outside
  theme.tags.push('x');
  // @ts-expect-error slugs change through edit
  category.slug = 'other';
  // @ts-expect-error images are immutable
  image.kind = 'cover';
  // @ts-expect-error rotation is a conditional write of the repository
  token.rotatedAt = new Date();
}
