/** The fields each aggregate's intent methods changed since it was created or restored. */
const changed = new WeakMap<object, Record<string, unknown>>();

/**
 * The base class of an aggregate whose state is the plain data `S`. Its fields read as read-only
 * properties (`user.role`); only the aggregate's own intent methods change them, through `change`.
 * Repositories store `toState()` and rebuild the aggregate from it with its `restore`; a
 * repository that writes only what changed stores `changes()`.
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

    /**
     * The fields intent methods changed since the aggregate was created or restored (a copy): what a
     * targeted write stores, so that it never puts back what someone else changed meanwhile.
     */
    changes(): Partial<S> {
      return structuredClone(changed.get(this) ?? {}) as Partial<S>;
    }

    protected change(changes: Partial<S>): void {
      Object.assign(this, changes);
      changed.set(this, { ...changed.get(this), ...structuredClone(changes) });
    }
  }
  return Base as unknown as abstract new (state: S) => Base & Readonly<S>;
}
