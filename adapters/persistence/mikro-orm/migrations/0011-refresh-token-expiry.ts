import { Migration } from '@mikro-orm/migrations';

export class Migration0011RefreshTokenExpiry extends Migration {
  override name = '0011-refresh-token-expiry';

  override up(): void {
    // Housekeeping prunes expired refresh tokens every minute: find them without reading the table.
    this.addSql(`create index refresh_tokens_expires_idx on refresh_tokens (expires_at)`);
  }

  override down(): void {
    this.addSql('drop index refresh_tokens_expires_idx');
  }
}
