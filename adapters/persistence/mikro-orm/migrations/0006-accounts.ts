import { Migration } from '@mikro-orm/migrations';

export class Migration0006Accounts extends Migration {
  override name = '0006-accounts';

  override up(): void {
    // Failed logins are counted per login in their own table, whether or not an account has it.
    this.addSql(`alter table users drop column failed_login_count`);
    this.addSql(`alter table users drop column locked_until`);
    this.addSql(`alter table users add column last_login_at timestamptz null`);
    this.addSql(`
      create table login_throttle (
        login text primary key,
        failures integer not null check (failures > 0),
        locked_until timestamptz null,
        last_failure_at timestamptz not null
      )`);
    this.addSql(`create index login_throttle_locked_idx on login_throttle (locked_until) where locked_until is not null`);
    // The sessions list shows where each sign-in was last used from.
    this.addSql(`alter table refresh_tokens add column ip text null`);
    this.addSql(`alter table refresh_tokens add column user_agent text null`);
    // Sign-in attempts, for their accounts' history (kept LOGIN_HISTORY_DAYS) and the statistics.
    this.addSql(`
      create table login_attempts (
        id uuid primary key,
        user_id uuid null references users (id) on delete cascade,
        at timestamptz not null,
        outcome text not null check (outcome in ('success', 'failure', 'locked')),
        ip text null,
        user_agent text null
      )`);
    this.addSql(`create index login_attempts_user_idx on login_attempts (user_id, at desc, id desc)`);
    this.addSql(`create index login_attempts_at_idx on login_attempts (at)`);
  }

  override down(): void {
    this.addSql('drop table login_attempts');
    this.addSql('alter table refresh_tokens drop column user_agent');
    this.addSql('alter table refresh_tokens drop column ip');
    this.addSql('drop table login_throttle');
    this.addSql('alter table users drop column last_login_at');
    this.addSql('alter table users add column locked_until timestamptz null');
    this.addSql('alter table users add column failed_login_count integer not null default 0');
  }
}
