import type { Transaction } from '../../../application/ports/transaction.ts';
import { atomically, type Orm } from './orm.ts';

/** Repositories find the transaction through MikroORM's async context; nested runs join the outer one. */
export class MikroOrmTransaction implements Transaction {
  constructor(private readonly orm: Orm) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    return atomically(this.orm, work);
  }
}
