import type { Transaction } from '../../../application/ports/transaction.ts';
import type { Orm } from './orm.ts';

export class MikroOrmTransaction implements Transaction {
  constructor(private readonly orm: Orm) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    const em = this.orm.em.getContext(false);
    // Inside a transaction already: join it. Otherwise repositories find this one through the async context.
    if (em.isInTransaction()) return work();
    return em.transactional(() => work());
  }
}
