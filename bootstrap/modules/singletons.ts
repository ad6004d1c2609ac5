import type { ContainerModuleLoadOptions, ServiceIdentifier } from 'inversify';

/* eslint-disable @typescript-eslint/no-explicit-any -- the container checks dependency types at resolution */
type Factory<C> = (...deps: any[]) => C;

/** Binds a service built by `make` from `deps`, once per container (Inversify's default is transient). */
export function singletons({ bind }: ContainerModuleLoadOptions) {
  return <C>(id: ServiceIdentifier<C>, make: Factory<C>, deps: ServiceIdentifier[]) => {
    bind(id)
      .toResolvedValue(make, deps as never)
      .inSingletonScope();
  };
}
