import type { ThemeStatus } from '../../domain/themes/theme.ts';
import type { Role, UserStatus } from '../../domain/users/role.ts';

/** Counts for administrators; each part is one cheap query (or one pass in memory). */
export type Statistics = {
  users: { byRole: Record<Role, number>; byStatus: Record<UserStatus, number>; locked: number };
  themes: { byStatus: Record<ThemeStatus, number> };
  /** Originals and thumbnails together. */
  images: { count: number; bytes: number };
  /** Sign-in attempts since `since`: successes, failures (wrong password or unknown login), refusals while locked. */
  logins: { since: Date; succeeded: number; failed: number; locked: number };
  /** Stored objects due for deletion and not deleted yet (the cleanup outbox). */
  objectDeletionsDue: number;
};

export interface StatisticsQuery {
  /** The counts at `now`; `locked` counts accounts whose email or username is locked then. */
  collect(now: Date, loginsSince: Date): Promise<Statistics>;
}
