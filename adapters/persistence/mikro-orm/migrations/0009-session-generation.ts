import { Migration } from '@mikro-orm/migrations';

export class Migration0009SessionGeneration extends Migration {
  override name = '0009-session-generation';

  override up(): void {
    // Access tokens carry the generation they were issued in; ending every session moves it on.
    this.addSql(`alter table users add column session_generation integer not null default 0`);
  }

  override down(): void {
    this.addSql('alter table users drop column session_generation');
  }
}
