import type { UploadTicketRepo } from '../../../application/ports/upload-ticket-repo.ts';
import { UploadTicket } from '../../../domain/images/upload-ticket.ts';
import { contextEm, isUuid, type Orm } from './orm.ts';

type Row = {
  id: string;
  owner_id: string;
  theme_id: string | null;
  kind: 'cover' | 'preview' | 'avatar';
  alt: string;
  content_type: 'image/png' | 'image/jpeg' | 'image/webp';
  size: string | number;
  created_at: Date;
  expires_at: Date;
  image_id: string | null;
};

const COLUMNS = 'id, owner_id, theme_id, kind, alt, content_type, size, created_at, expires_at, image_id';

function restore(row: Row): UploadTicket {
  return UploadTicket.restore({
    id: row.id,
    ownerId: row.owner_id,
    themeId: row.theme_id,
    kind: row.kind,
    alt: row.alt,
    contentType: row.content_type,
    size: Number(row.size),
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    imageId: row.image_id,
  });
}

export class MikroOrmUploadTicketRepo implements UploadTicketRepo {
  constructor(private readonly orm: Orm) {}

  async insert(ticket: UploadTicket): Promise<void> {
    const t = ticket.toState();
    await contextEm(this.orm).execute(`insert into upload_tickets (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      t.id,
      t.ownerId,
      t.themeId,
      t.kind,
      t.alt,
      t.contentType,
      t.size,
      t.createdAt,
      t.expiresAt,
      t.imageId,
    ]);
  }

  findById(id: string): Promise<UploadTicket | null> {
    return this.select(id, '');
  }

  lock(id: string): Promise<UploadTicket | null> {
    return this.select(id, 'for update');
  }

  async save(ticket: UploadTicket): Promise<void> {
    await contextEm(this.orm).execute(`update upload_tickets set image_id = ? where id = ?`, [ticket.imageId, ticket.id]);
  }

  async deleteExpiredBefore(before: Date): Promise<number> {
    const rows = await contextEm(this.orm).execute<{ id: string }[]>(`delete from upload_tickets where expires_at < ? returning id`, [before]);
    return rows.length;
  }

  private async select(id: string, locking: string): Promise<UploadTicket | null> {
    if (!isUuid(id)) return null;
    const rows = await contextEm(this.orm).execute<Row[]>(`select ${COLUMNS} from upload_tickets where id = ? ${locking}`, [id]);
    return rows[0] ? restore(rows[0]) : null;
  }
}
