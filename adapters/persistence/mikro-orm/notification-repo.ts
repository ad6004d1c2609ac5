import type { NewNotification, Notification, NotificationPage, NotificationRepo } from '../../../application/ports/notification-repo.ts';
import { contextEm, type Orm } from './orm.ts';

type NotificationRow = {
  id: string | number;
  user_id: string;
  kind: Notification['kind'];
  at: Date | string;
  actor_id: string | null;
  theme_id: string | null;
  data: Record<string, unknown>;
  read_at: Date | string | null;
};

const COLUMNS = 'id, user_id, kind, at, actor_id, theme_id, data, read_at';

function toNotification(row: NotificationRow): Notification {
  return {
    id: Number(row.id),
    userId: row.user_id,
    kind: row.kind,
    at: new Date(row.at),
    actorId: row.actor_id,
    themeId: row.theme_id,
    data: row.data,
    readAt: row.read_at === null ? null : new Date(row.read_at),
  };
}

export class PostgresNotificationRepo implements NotificationRepo {
  constructor(private readonly orm: Orm) {}

  async add(n: NewNotification): Promise<number> {
    const [row] = await contextEm(this.orm).execute<{ id: string }[]>(
      `insert into notifications (user_id, kind, at, actor_id, theme_id, data) values (?, ?, ?, ?, ?, ?::jsonb) returning id`,
      [n.userId, n.kind, n.at, n.actorId, n.themeId, JSON.stringify(n.data)],
    );
    return Number(row!.id);
  }

  async listOf(userId: string, page: NotificationPage): Promise<Notification[]> {
    const rows = await contextEm(this.orm).execute<NotificationRow[]>(
      `select ${COLUMNS} from notifications
       where user_id = ? and id < ? ${page.unreadOnly ? 'and read_at is null' : ''}
       order by id desc limit ?`,
      [userId, page.after ?? Number.MAX_SAFE_INTEGER, page.limit],
    );
    return rows.map(toNotification);
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await contextEm(this.orm).execute<{ count: string }[]>(`select count(*) as count from notifications where user_id = ? and read_at is null`, [userId]);
    return Number(row?.count ?? 0);
  }

  async markRead(userId: string, which: { upTo: number } | { ids: readonly number[] }, at: Date): Promise<number> {
    const [chosen, value] = 'upTo' in which ? ['id <= ?', which.upTo] : ['id = any(?::bigint[])', `{${which.ids.join(',')}}`];
    const [row] = await contextEm(this.orm).execute<{ count: string }[]>(
      `with marked as (update notifications set read_at = ? where user_id = ? and read_at is null and ${chosen} returning 1) select count(*) as count from marked`,
      [at, userId, value],
    );
    return Number(row?.count ?? 0);
  }

  async prune(before: Date): Promise<number> {
    const [row] = await contextEm(this.orm).execute<{ count: string }[]>(`with gone as (delete from notifications where at < ? returning 1) select count(*) as count from gone`, [before]);
    return Number(row?.count ?? 0);
  }
}
