import type { AuditEvent } from '../../../../application/ports/audit-log.ts';
import { formatDateTime } from '../../format.ts';
import { choices, Pager, Problem, SelectField, SubmitField } from '../components.tsx';
import { AdminLayout, type AdminPageProps } from './admin-layout.tsx';

/** As the form shows them: `since` and `until` as datetime-local values, in UTC. */
export type AuditFilters = { actor?: string | undefined; action?: string | undefined; since?: string | undefined; until?: string | undefined };

export function AuditLogPage({
  events,
  filters,
  actions,
  next,
  first,
  problem,
  ...page
}: AdminPageProps & { events: AuditEvent[]; filters: AuditFilters; actions: readonly string[]; next?: string | undefined; first?: string | undefined; problem?: string | undefined }): JSX.Element {
  return (
    <AdminLayout title="Audit log" tab="audit" {...page}>
      <form class="filters" method="get" action="/admin/audit" role="search" aria-label="Filter the audit log">
        <div class="field">
          <label for="actor">Actor (user id)</label>
          <input id="actor" name="actor" value={filters.actor ?? ''} placeholder="any" maxlength="36" class="mono" />
        </div>
        <SelectField id="action" label="Action" options={choices(actions)} selected={filters.action} any="Any action" />
        <div class="field field-wide">
          <label for="since">From (UTC)</label>
          <input id="since" name="since" type="datetime-local" value={filters.since ?? ''} />
        </div>
        <div class="field field-wide">
          <label for="until">Until (UTC)</label>
          <input id="until" name="until" type="datetime-local" value={filters.until ?? ''} />
        </div>
        <SubmitField label="Filter" />
      </form>
      <Problem message={problem} />
      {events.length ? (
        <div class="table-wrap">
          <table class="audit">
            <caption class="visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Actor</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr>
                  <td class="nowrap" safe>{formatDateTime(event.at)}</td>
                  <td>
                    <code>{event.action}</code>
                  </td>
                  <td>
                    {event.actorId ? (
                      <a class="mono" href={`/admin/users/${event.actorId}`} title={event.actorId} safe>
                        {event.actorId.slice(0, 8)}
                      </a>
                    ) : (
                      <span class="muted" title="the system or an anonymous caller">—</span>
                    )}
                    {event.ip ? (
                      <span class="muted block" safe>
                        {event.ip}
                      </span>
                    ) : (
                      ''
                    )}
                  </td>
                  <td class="nowrap">
                    {event.targetType === 'user' && event.targetId ? (
                      <a class="mono" href={`/admin/users/${event.targetId}`} title={event.targetId} safe>
                        {`user ${event.targetId.slice(0, 8)}`}
                      </a>
                    ) : (
                      <span class="mono" safe>{`${event.targetType} ${event.targetId?.slice(0, 8) ?? ''}`}</span>
                    )}
                  </td>
                  <td>
                    <code class="details" safe>
                      {JSON.stringify(event.details)}
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty">No event matches these filters.</p>
      )}
      <Pager first={first} next={next} />
    </AdminLayout>
  );
}
