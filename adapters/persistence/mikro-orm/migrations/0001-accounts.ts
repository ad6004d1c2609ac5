import { Migration } from '@mikro-orm/migrations';

export class Migration0001Accounts extends Migration {
  override name = '0001-accounts';

  override up(): void {
    this.addSql(`
      create table users (
        id uuid primary key,
        email text not null,
        username text not null,
        password_hash text not null,
        display_name text not null,
        bio text not null default '',
        role text not null check (role in ('user', 'moderator', 'admin')),
        status text not null check (status in ('active', 'disabled')),
        avatar_image_id uuid null,
        failed_login_count integer not null default 0,
        locked_until timestamptz null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        constraint users_email_unique unique (email),
        constraint users_username_unique unique (username)
      )`);
    this.addSql(`create index users_role_status_idx on users (role, status)`);
    this.addSql(`
      create table refresh_tokens (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        token_hash text not null,
        family_id uuid not null,
        parent_id uuid null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        rotated_at timestamptz null,
        revoked_at timestamptz null,
        constraint refresh_tokens_hash_unique unique (token_hash)
      )`);
    this.addSql(`create index refresh_tokens_family_idx on refresh_tokens (family_id)`);
    this.addSql(`create index refresh_tokens_user_idx on refresh_tokens (user_id)`);
    this.addSql(`
      create table audit_events (
        id uuid primary key,
        at timestamptz not null,
        actor_id uuid null,
        action text not null,
        target_type text not null,
        target_id text null,
        ip text null,
        request_id text null,
        details jsonb not null default '{}'
      )`);
    this.addSql(`create index audit_events_at_idx on audit_events (at desc, id desc)`);
    this.addSql(`create index audit_events_actor_idx on audit_events (actor_id, at desc, id desc)`);
    this.addSql(`create index audit_events_action_idx on audit_events (action, at desc, id desc)`);
  }

  override down(): void {
    this.addSql('drop table audit_events');
    this.addSql('drop table refresh_tokens');
    this.addSql('drop table users');
  }
}
