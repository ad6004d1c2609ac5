import { Migration } from '@mikro-orm/migrations';

export class Migration0003Images extends Migration {
  override name = '0003-images';

  override up(): void {
    // The avatar as users' views show it ({ id, width, height }), so no view needs another query.
    this.addSql(`alter table users drop column avatar_image_id`);
    this.addSql(`alter table users add column avatar jsonb null`);
    this.addSql(`
      create table images (
        id uuid primary key,
        theme_id uuid null references themes (id) on delete cascade,
        owner_id uuid not null references users (id) on delete cascade,
        kind text not null check (kind in ('cover', 'preview', 'avatar')),
        content_type text not null check (content_type in ('image/png', 'image/jpeg', 'image/webp')),
        size bigint not null check (size >= 0),
        width integer not null,
        height integer not null,
        sha256 text not null,
        alt text not null default '',
        object_key text not null,
        thumbnail_key text not null,
        thumbnail_size bigint not null,
        thumbnail_sha256 text not null,
        created_at timestamptz not null,
        check ((kind = 'avatar') = (theme_id is null))
      )`);
    this.addSql(`create index images_theme_idx on images (theme_id, created_at, id)`);
    this.addSql(`create index images_owner_idx on images (owner_id)`);
    // At most one cover per theme, whatever races.
    this.addSql(`create unique index images_one_cover_idx on images (theme_id) where kind = 'cover'`);
    // Object keys due for deletion: the outbox that makes object cleanup survive crashes.
    this.addSql(`
      create table object_deletions (
        key text primary key,
        due_at timestamptz not null
      )`);
    this.addSql(`create index object_deletions_due_idx on object_deletions (due_at)`);
  }

  override down(): void {
    this.addSql('drop table object_deletions');
    this.addSql('drop table images');
    this.addSql('alter table users drop column avatar');
    this.addSql('alter table users add column avatar_image_id uuid null');
  }
}
