import type { ContainerModuleLoadOptions } from 'inversify';

declare const serves: unique symbol;

/**
 * The service identifier of a port (or a setting), carrying the type it stands for, so that what is
 * bound to it and what is built from it are checked by the compiler. At run time it is a symbol.
 */
export type Token<T> = symbol & { readonly [serves]?: T };

export function token<T>(name: string): Token<T> {
  return Symbol.for(name) as Token<T>;
}

/** Where a constructor parameter comes from: a port's token, or a class bound as itself. */
export type Dependency<T> = Token<T> | (abstract new (...args: never[]) => T);

/** One dependency per constructor parameter, in order: a swapped, missing or extra one does not compile. */
export type Dependencies<Params extends unknown[]> = { [K in keyof Params]: Dependency<Params[K]> };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any constructor; its parameters are checked through Dependencies
type Class = new (...args: any[]) => unknown;

export type Binder = {
  /** A class resolved by itself (`use(CreateTheme)`), built once from `deps`. */
  service<C extends Class>(Class: C, deps: Dependencies<ConstructorParameters<C>>): void;
  /** A value that serves a port or setting. */
  value<T>(id: Token<T>, value: T): void;
};

/**
 * Typed bindings for a ContainerModule. Everything is a singleton: Inversify's default scope is
 * transient, and a transient in-memory repository would be a new, empty store at every resolution.
 */
export function binder({ bind }: ContainerModuleLoadOptions): Binder {
  return {
    service(Class, deps) {
      bind(Class)
        .toResolvedValue((...args: unknown[]) => new Class(...args), deps as never)
        .inSingletonScope();
    },
    value(id, value) {
      bind(id).toConstantValue(value);
    },
  };
}
