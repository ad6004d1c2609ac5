/**
 * Holds the next call of `target[method]` once it has done its work, until the test releases it:
 * a race made deterministic (the other party acts while this one is paused). Later calls pass.
 */
export function pauseAfterNext<T extends object, K extends keyof T>(target: T, method: K): { reached: Promise<void>; release(): void; restore(): void } {
  const original = target[method] as (...args: unknown[]) => Promise<unknown>;
  let signalReached!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (signalReached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let armed = true;
  const paused = async function (this: unknown, ...args: unknown[]) {
    const result = await original.apply(this, args);
    if (armed) {
      armed = false;
      signalReached();
      await released;
    }
    return result;
  };
  (target as Record<K, unknown>)[method] = paused;
  return {
    reached,
    release,
    restore: () => void ((target as Record<K, unknown>)[method] = original),
  };
}
