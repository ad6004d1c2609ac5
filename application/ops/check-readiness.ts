import type { DatabaseHealth } from '../ports/database-health.ts';
import type { ObjectStore } from '../ports/object-store.ts';

export const CHECK_STATUSES = ['ok', 'failing'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];
export type Readiness = { ready: boolean; checks: { database: CheckStatus; objectStore: CheckStatus } };

/** Whether this instance can serve: each dependency is tried for real, with a time limit. */
export class CheckReadiness {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly objects: ObjectStore,
    private readonly timeoutMs = 2000,
  ) {}

  async execute(): Promise<Readiness> {
    const [database, objectStore] = await Promise.all([this.probe(() => this.database.checkReady()), this.probe(() => this.objects.checkReady())]);
    return { ready: database === 'ok' && objectStore === 'ok', checks: { database, objectStore } };
  }

  private async probe(check: () => Promise<void>): Promise<CheckStatus> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), this.timeoutMs);
    });
    try {
      await Promise.race([check(), timeout]);
      return 'ok';
    } catch {
      return 'failing';
    } finally {
      clearTimeout(timer);
    }
  }
}
