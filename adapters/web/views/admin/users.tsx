import type { LoginAttempt } from '../../../../application/ports/login-history.ts';
import type { SessionRecord } from '../../../../application/ports/refresh-token-repo.ts';
import { ROLES, USER_STATUSES } from '../../../../domain/users/role.ts';
import type { User } from '../../../../domain/users/user.ts';
import { agentLabel, formatDateTime } from '../../format.ts';
import { ActionForm, choices, CsrfField, Pager, SelectField, SubmitField } from '../components.tsx';
import { AdminLayout, type AdminPageProps } from './admin-layout.tsx';

export type UserFilters = { q?: string | undefined; role?: string | undefined; status?: string | undefined };

export function UserList({ users, filters, next, first, ...page }: AdminPageProps & { users: User[]; filters: UserFilters; next?: string | undefined; first?: string | undefined }): JSX.Element {
  return (
    <AdminLayout title="Users" tab="users" {...page}>
      <form class="filters" method="get" action="/admin/users" role="search" aria-label="Search users">
        <div class="field field-wide">
          <label for="q">Username, email or name</label>
          <input id="q" name="q" type="search" value={filters.q ?? ''} maxlength="100" />
        </div>
        <SelectField id="role" label="Role" options={choices(ROLES)} selected={filters.role} any="Any role" />
        <SelectField id="status" label="Status" options={choices(USER_STATUSES)} selected={filters.status} any="Any status" />
        <SubmitField label="Search" />
      </form>
      {users.length ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Accounts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr>
                  <th scope="row">
                    <a href={`/admin/users/${user.id}`} safe>
                      {`@${user.username}`}
                    </a>
                    <span class="muted block" safe>
                      {user.displayName}
                    </span>
                  </th>
                  <td safe>{user.email}</td>
                  <td>
                    <span class={`badge role-${user.role}`}>{user.role}</span>
                  </td>
                  <td>
                    <span class={`badge status-${user.status}`}>{user.status}</span>
                  </td>
                  <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : <span class="muted">never</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty">No account matches.</p>
      )}
      <Pager first={first} next={next} />
    </AdminLayout>
  );
}

export type UserDetailProps = AdminPageProps & {
  user: User;
  sessions: SessionRecord[];
  logins: LoginAttempt[];
  nextLogins?: string | undefined;
};

export function UserDetail({ user, sessions, logins, nextLogins, ...page }: UserDetailProps): JSX.Element {
  const { state } = page;
  const action = `/admin/users/${user.id}`;
  return (
    <AdminLayout title={`@${user.username}`} tab="users" {...page}>
      <dl class="facts">
        <div>
          <dt>Name</dt>
          <dd safe>{user.displayName}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd safe>{user.email}</dd>
        </div>
        <div>
          <dt>Joined</dt>
          <dd safe>{formatDateTime(user.createdAt)}</dd>
        </div>
        <div>
          <dt>Last sign-in</dt>
          <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'never'}</dd>
        </div>
      </dl>

      <section aria-labelledby="access-title" class="panel">
        <h2 id="access-title">Role and status</h2>
        <form method="post" action={action} class="row-form">
          <CsrfField token={state.csrfToken} />
          <SelectField id="role" label="Role" options={choices(ROLES)} selected={user.role} />
          <SelectField id="status" label="Status" options={choices(USER_STATUSES)} selected={user.status} />
          <SubmitField label="Save" />
        </form>
        <p class="muted">Disabling an account signs it out everywhere. A change applies to the user’s next request.</p>
        <div class="actions">
          <ActionForm action={`${action}/unlock`} token={state.csrfToken} label="Unlock sign-ins" tone="quiet" />
          <a class="button button-quiet" href={`/admin/audit?actor=${user.id}`}>
            Their audit events
          </a>
        </div>
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">Signed-in sessions</h2>
        {sessions.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Browser</th>
                  <th scope="col">Address</th>
                  <th scope="col">Signed in</th>
                  <th scope="col">Last used</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((session) => (
                  <tr>
                    <td safe>{agentLabel(session.userAgent)}</td>
                    <td safe>{session.ip ?? 'unknown'}</td>
                    <td safe>{formatDateTime(session.createdAt)}</td>
                    <td safe>{formatDateTime(session.lastUsedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="empty">No active session.</p>
        )}
      </section>

      <section aria-labelledby="logins-title">
        <h2 id="logins-title">Sign-in history</h2>
        {logins.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Address</th>
                  <th scope="col">Browser</th>
                </tr>
              </thead>
              <tbody>
                {logins.map((attempt) => (
                  <tr>
                    <td safe>{formatDateTime(attempt.at)}</td>
                    <td>
                      <span class={`badge outcome-${attempt.outcome}`}>{attempt.outcome}</span>
                    </td>
                    <td safe>{attempt.ip ?? 'unknown'}</td>
                    <td safe>{agentLabel(attempt.userAgent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="empty">No sign-in attempt recorded.</p>
        )}
        <Pager next={nextLogins} />
      </section>
    </AdminLayout>
  );
}
