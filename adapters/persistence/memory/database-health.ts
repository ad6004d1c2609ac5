import type { DatabaseHealth } from '../../../application/ports/database-health.ts';

/** The in-memory tables are always there. */
export class InMemoryDatabaseHealth implements DatabaseHealth {
  async checkReady(): Promise<void> {}
}
