import type { DeletionBacklog } from '../../../../application/admin/get-deletion-backlog.ts';
import { AdminLayout, type AdminPageProps } from './admin-layout.tsx';

export function Storage({ backlog, ...page }: AdminPageProps & { backlog: DeletionBacklog }): JSX.Element {
  return (
    <AdminLayout title="Storage" tab="storage" {...page}>
      <section aria-labelledby="backlog-title">
        <h2 id="backlog-title">Object-deletion backlog</h2>
        <p class="muted">
          Stored objects whose rows are gone but which the store has not deleted yet (it was unreachable, or a deletion was cut short). The janitor retries them at start and
          every minute; a key stays here until the store confirms its deletion.
        </p>
        {backlog.keys.length ? (
          <>
            <ul class="keys">
              {backlog.keys.map((key) => (
                <li>
                  <code safe>{key}</code>
                </li>
              ))}
            </ul>
            {backlog.more ? <p class="muted">…and more: the overview counts them all.</p> : ''}
          </>
        ) : (
          <p class="empty">Nothing is waiting: every deleted object is gone from the store.</p>
        )}
      </section>
    </AdminLayout>
  );
}
