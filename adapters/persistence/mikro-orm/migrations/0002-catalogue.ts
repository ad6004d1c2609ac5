import { Migration } from '@mikro-orm/migrations';

export class Migration0002Catalogue extends Migration {
  override name = '0002-catalogue';

  override up(): void {
    this.addSql(`
      create table categories (
        id uuid primary key,
        slug text not null,
        name text not null,
        description text not null default '',
        created_at timestamptz not null,
        updated_at timestamptz not null,
        constraint categories_slug_unique unique (slug)
      )`);
    this.addSql(`
      create table themes (
        id uuid primary key,
        owner_id uuid not null references users (id) on delete cascade,
        slug text not null,
        name text not null,
        description text not null default '',
        status text not null check (status in ('draft', 'published')),
        category_id uuid null references categories (id) on delete restrict,
        colors jsonb not null,
        tags text[] not null default '{}',
        favorite_count integer not null default 0 check (favorite_count >= 0),
        version integer not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        -- Written by the repository from the domain's own word splitting, so that PostgreSQL and the
        -- memory adapter agree on what matches; searched by prefix through the GIN index.
        search_words tsvector not null,
        -- lower(name) as JavaScript lower-cases it, ordered bytewise ("C"): the 'name' sort key.
        sort_name text collate "C" not null,
        constraint themes_slug_unique unique (slug)
      )`);
    // Keyset sorts: each index matches one ORDER BY of the search, published themes first.
    this.addSql(`create index themes_created_idx on themes (status, created_at desc, id desc)`);
    this.addSql(`create index themes_name_idx on themes (status, sort_name, id)`);
    this.addSql(`create index themes_favorites_idx on themes (status, favorite_count desc, created_at desc, id desc)`);
    this.addSql(`create index themes_owner_idx on themes (owner_id, created_at desc, id desc)`);
    this.addSql(`create index themes_category_idx on themes (category_id, created_at desc, id desc)`);
    this.addSql(`create index themes_tags_idx on themes using gin (tags)`);
    this.addSql(`create index themes_search_idx on themes using gin (search_words)`);
    this.addSql(`
      create table theme_colors (
        theme_id uuid not null references themes (id) on delete cascade,
        position smallint not null,
        l double precision not null,
        a double precision not null,
        b double precision not null,
        primary key (theme_id, position)
      )`);
    // The colour search's prefilter: a box of ±ΔE around the wanted colour, then the exact distance.
    this.addSql(`create index theme_colors_lab_idx on theme_colors (l, a, b)`);
    this.addSql(`
      create table favorites (
        user_id uuid not null references users (id) on delete cascade,
        theme_id uuid not null references themes (id) on delete cascade,
        created_at timestamptz not null,
        primary key (user_id, theme_id)
      )`);
    this.addSql(`create index favorites_user_idx on favorites (user_id, created_at desc, theme_id desc)`);
    this.addSql(`create index favorites_theme_idx on favorites (theme_id)`);
  }

  override down(): void {
    this.addSql('drop table favorites');
    this.addSql('drop table theme_colors');
    this.addSql('drop table themes');
    this.addSql('drop table categories');
  }
}
