import { Migration } from '@mikro-orm/migrations';

export class Migration0012Notifications extends Migration {
  override name = '0012-notifications';

  override up(): void {
    // Written in the transaction of the change (with its event); read by their recipient, newest first.
    this.addSql(`
      create table notifications (
        id bigserial primary key,
        user_id uuid not null references users (id) on delete cascade,
        kind text not null,
        at timestamptz not null,
        actor_id uuid null,
        theme_id uuid null,
        data jsonb not null default '{}',
        read_at timestamptz null
      )`);
    this.addSql(`create index notifications_user_idx on notifications (user_id, id desc)`);
    this.addSql(`create index notifications_unread_idx on notifications (user_id, id desc) where read_at is null`);
  }

  override down(): void {
    this.addSql('drop table notifications');
  }
}
