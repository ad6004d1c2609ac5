import type { StatisticsView } from '../../../../application/admin/get-statistics.ts';
import { formatBytes, formatCount, formatDateTime, formatQuantity } from '../../format.ts';
import { AdminLayout, type AdminPageProps } from './admin-layout.tsx';

export function Dashboard({ stats, ...page }: AdminPageProps & { stats: StatisticsView | null }): JSX.Element {
  return (
    <AdminLayout title="Overview" tab="overview" {...page}>
      {stats ? (
        <>
          <div class="tiles">
            <Tile label="Accounts" value={formatCount(stats.users.byStatus.active + stats.users.byStatus.disabled)} note={`${formatQuantity(stats.users.byRole.admin, 'admin', 'admins')} · ${formatQuantity(stats.users.byRole.moderator, 'moderator', 'moderators')} · ${formatCount(stats.users.byStatus.disabled)} disabled`} />
            <Tile label="Locked logins" value={formatCount(stats.users.locked)} href="/admin/users" tone={stats.users.locked ? 'warn' : undefined} note={'accounts locked out by failed sign-ins'} />
            <Tile label="Published themes" value={formatCount(stats.themes.byStatus.published)} href="/admin/moderation" note={formatQuantity(stats.themes.byStatus.draft, 'draft', 'drafts')} />
            <Tile label="Images" value={formatCount(stats.images.count)} note={`${formatBytes(stats.images.bytes)} stored, thumbnails included`} />
            <Tile label="Sign-ins, 24 h" value={formatCount(stats.logins.succeeded)} href="/admin/audit?action=auth.login_failed" note={`${formatCount(stats.logins.failed)} failed · ${formatCount(stats.logins.locked)} refused while locked`} />
            <Tile label="Deletion backlog" value={formatCount(stats.objectDeletionsDue)} href="/admin/storage" tone={stats.objectDeletionsDue ? 'warn' : undefined} note={'stored objects due for deletion'} />
          </div>
          <p class="muted" safe>{`Counted at ${formatDateTime(stats.generatedAt)}; the counts are kept a few seconds.`}</p>
        </>
      ) : (
        <p>As a moderator you keep the catalogue: unpublish, edit or delete themes under Moderation, and look after Categories.</p>
      )}
    </AdminLayout>
  );
}

function Tile({ label, value, note, href, tone }: { label: string; value: string; note: string; href?: string; tone?: 'warn' | undefined }): JSX.Element {
  const body = (
    <>
      <span class="tile-label" safe>
        {label}
      </span>
      <span class="tile-value" safe>
        {value}
      </span>
      <span class="tile-note" safe>
        {note}
      </span>
    </>
  );
  return href ? (
    <a class={`tile ${tone ? `tile-${tone}` : ''}`} href={href}>
      {body as 'safe'}
    </a>
  ) : (
    <div class={`tile ${tone ? `tile-${tone}` : ''}`}>{body as 'safe'}</div>
  );
}
