import { Migration } from '@mikro-orm/migrations';

export class Migration0005UploadTickets extends Migration {
  override name = '0005-upload-tickets';

  override up(): void {
    // No foreign keys: a commit locks its ticket row, and a cascade from a theme's or an account's
    // deletion would lock it from the other side. A ticket for something gone fails its commit's
    // checks; rows go a day after they expire.
    this.addSql(`
      create table upload_tickets (
        id uuid primary key,
        owner_id uuid not null,
        theme_id uuid null,
        kind text not null check (kind in ('cover', 'preview', 'avatar')),
        alt text not null,
        content_type text not null check (content_type in ('image/png', 'image/jpeg', 'image/webp')),
        size bigint not null check (size > 0),
        created_at timestamptz not null,
        expires_at timestamptz not null,
        image_id uuid null,
        check ((kind = 'avatar') = (theme_id is null))
      )`);
    this.addSql(`create index upload_tickets_expires_idx on upload_tickets (expires_at)`);
  }

  override down(): void {
    this.addSql('drop table upload_tickets');
  }
}
