import { Migration } from '@mikro-orm/migrations';

export class Migration0008Events extends Migration {
  override name = '0008-events';

  override up(): void {
    // The change feed's log (an outbox): written in the transaction of the change it tells of, read
    // in id order by every instance's listener (cache eviction) and by realtime delivery (resume).
    this.addSql(`
      create table events (
        id bigserial primary key,
        at timestamptz not null,
        type text not null,
        actor_id uuid null,
        theme_id uuid null,
        user_id uuid null,
        category_id uuid null,
        image_id uuid null,
        audience text not null check (audience in ('public', 'owner-and-moderators', 'owner', 'admins')),
        data jsonb not null default '{}'
      )`);
    // Pruning by age (EVENT_RETENTION).
    this.addSql(`create index events_at_idx on events (at)`);
  }

  override down(): void {
    this.addSql('drop table events');
  }
}
