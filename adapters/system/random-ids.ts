import { randomUUID } from 'node:crypto';
import type { Ids } from '../../application/ports/ids.ts';

export class RandomIds implements Ids {
  next(): string {
    return randomUUID();
  }
}
