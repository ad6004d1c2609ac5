import { expect } from 'chai';
import type { ContainerModuleLoadOptions } from 'inversify';
import { Auditor } from '../../application/audit/auditor.ts';
import { ObjectJanitor } from '../../application/media/object-janitor.ts';
import { DeleteUser } from '../../application/admin/delete-user.ts';
import { AccountRemover } from '../../application/users/account-remover.ts';
import { coreModule } from '../../bootstrap/modules/core.ts';
import { TYPES as T } from '../../bootstrap/tokens.ts';
import type { Binder } from '../../bootstrap/wiring.ts';
import { testRuntime } from '../support/runtime.ts';

describe('wiring', () => {
  it('builds every use-case and service of the core from the memory profile’s adapters', async () => {
    const bound: unknown[] = [];
    const recorder = { bind: (id: unknown) => (bound.push(id), { toResolvedValue: () => ({ inSingletonScope: () => undefined }) }) };
    await coreModule.load(recorder as unknown as ContainerModuleLoadOptions);
    expect(bound.length).to.be.greaterThan(40);

    const runtime = await testRuntime();
    try {
      for (const id of bound) expect(runtime.container.get(id as never), String(id)).to.be.an('object');
    } finally {
      await runtime.close();
    }
  });
});

/**
 * Wirings that must not compile: `npm run typecheck` fails if any of these lines stops being an
 * error (an unused `@ts-expect-error` is itself an error). Never called.
 */
export function wrongWirings({ service, value }: Binder): void {
  // @ts-expect-error Clock and Ids swapped
  service(Auditor, [T.AuditLog, T.Ids, T.Clock]);
  // @ts-expect-error two classes swapped
  service(DeleteUser, [T.UserRepo, ObjectJanitor, AccountRemover, Auditor, T.Transaction]);
  // @ts-expect-error a dependency missing
  service(Auditor, [T.AuditLog, T.Clock]);
  // @ts-expect-error a dependency too many
  service(ObjectJanitor, [T.ObjectStore, T.ObjectCleanup, T.Clock, T.Ids]);
  // @ts-expect-error a value that does not serve the port
  value(T.Clock, { next: () => 'id' });
}
