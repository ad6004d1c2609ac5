/**
 * The base class of an aggregate whose state is the plain data `S`. Its fields read as read-only
 * properties (`user.role`); only the aggregate's own intent methods change them, through `change`.
 * Repositories store `toState()` and rebuild the aggregate from it with its `restore`.
 *
 * `class User extends Aggregate<UserState>() { … }`
 */
export function Aggregate<S extends object>() {
  abstract class Base {
    /** Use the aggregate's factories (`create`, `restore`); the state is copied, never shared. */
    constructor(state: S) {
      Object.assign(this, structuredClone({ ...state }));
    }

    /** Plain data for the repositories: a copy, so what they keep never changes behind their back. */
    toState(): S {
      return structuredClone({ ...this }) as unknown as S;
    }

    protected change(changes: Partial<S>): void {
      Object.assign(this, changes);
    }
  }
  return Base as unknown as abstract new (state: S) => Base & Readonly<S>;
}
