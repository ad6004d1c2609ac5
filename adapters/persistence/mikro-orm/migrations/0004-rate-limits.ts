import { Migration } from '@mikro-orm/migrations';

export class Migration0004RateLimits extends Migration {
  override name = '0004-rate-limits';

  override up(): void {
    // Unlogged: counts are worth nothing after a crash, and writes skip the WAL.
    this.addSql(`
      create unlogged table rate_limits (
        key text not null,
        window_start timestamptz not null,
        count integer not null,
        primary key (key, window_start)
      )`);
    this.addSql(`create index rate_limits_window_idx on rate_limits (window_start)`);
    // Finding users by role and status, newest first, for the admin list.
    this.addSql(`create index users_created_idx on users (created_at desc, id desc)`);
  }

  override down(): void {
    this.addSql('drop index users_created_idx');
    this.addSql('drop table rate_limits');
  }
}
