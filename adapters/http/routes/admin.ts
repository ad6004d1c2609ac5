import { DeleteUser } from '../../../application/admin/delete-user.ts';
import { GetStatistics, STATISTICS_CACHE_SECONDS } from '../../../application/admin/get-statistics.ts';
import { ListAuditEvents, ListAuditEventsInput } from '../../../application/admin/list-audit-events.ts';
import { ListUserLogins } from '../../../application/admin/list-user-logins.ts';
import { ListUsers, ListUsersInput } from '../../../application/admin/list-users.ts';
import { ListLoginsInput } from '../../../application/users/list-logins.ts';
import { UpdateUser, UpdateUserInput } from '../../../application/admin/update-user.ts';
import type { Api } from '../api.ts';
import type { HttpContext } from '../http-context.ts';
import { presentAuditEvent, presentLoginAttemptPage, presentStatistics, presentUserPrivate } from '../presenters.ts';
import { AuditPageSchema, LoginAttemptPageSchema, NO_STORE, StatisticsSchema, UserPageSchema, UserPrivateSchema } from '../schemas.ts';

export function adminRoutes(api: Api, { use, links }: HttpContext): void {
  const base = '/api/v1/admin';
  api.add(base, {
    method: 'get',
    path: '/users',
    tag: 'admin',
    summary: 'Every account, newest first, filtered by words, role and status (admins)',
    auth: 'user',
    query: ListUsersInput,
    response: { status: 200, description: 'a page of accounts', schema: UserPageSchema },
    errors: ['unauthenticated', 'forbidden', 'validation_failed', 'invalid_cursor'],
    caching: 'no-store',
    async handle({ req, res, actor }) {
      const page = await use(ListUsers).execute(actor, req.query);
      res.json({ items: page.items.map((u) => presentUserPrivate(u, links)), nextCursor: page.nextCursor });
    },
  });

  api.add(base, {
    method: 'patch',
    path: '/users/:id',
    tag: 'admin',
    summary: 'Change an account’s role or status, or unlock its logins (admins)',
    description:
      'Disabling revokes every refresh token; the change applies to the user’s next request. The last active admin cannot be demoted or disabled (409 last_admin). `unlock: true` forgets the failed logins of the account’s email and username (audited as admin.user_unlocked).',
    auth: 'user',
    params: { id: 'the user id' },
    body: { schema: UpdateUserInput, example: { role: 'moderator' } },
    response: { status: 200, description: 'the account', schema: UserPrivateSchema },
    errors: ['unauthenticated', 'forbidden', 'not_found', 'malformed_request', 'validation_failed', 'last_admin'],
    caching: 'no-store',
    async handle({ req, res, actor, body }) {
      res.json(presentUserPrivate(await use(UpdateUser).execute(actor, String(req.params.id), body), links));
    },
  });

  api.add(base, {
    method: 'delete',
    path: '/users/:id',
    tag: 'admin',
    summary: 'Delete an account with its themes, images and stored objects (admins)',
    auth: 'user',
    params: { id: 'the user id' },
    response: { status: 204, description: 'deleted' },
    errors: ['unauthenticated', 'forbidden', 'not_found', 'last_admin'],
    caching: 'no-store',
    async handle({ req, res, actor }) {
      await use(DeleteUser).execute(actor, String(req.params.id));
      res.status(204).end();
    },
  });

  api.add(base, {
    method: 'get',
    path: '/users/:id/logins',
    tag: 'admin',
    summary: 'An account’s recent sign-in attempts, newest first (admins)',
    auth: 'user',
    params: { id: 'the user id' },
    query: ListLoginsInput,
    response: { status: 200, description: 'a page of attempts', schema: LoginAttemptPageSchema, headers: NO_STORE },
    errors: ['unauthenticated', 'forbidden', 'not_found', 'validation_failed', 'invalid_cursor'],
    async handle({ req, res, actor }) {
      res.set('Cache-Control', 'no-store').json(presentLoginAttemptPage(await use(ListUserLogins).execute(actor, String(req.params.id), req.query)));
    },
  });

  api.add(base, {
    method: 'get',
    path: '/stats',
    tag: 'admin',
    summary: 'Counts of accounts, themes, images, recent sign-ins and the cleanup backlog (admins)',
    description: `Collected at most once every ${STATISTICS_CACHE_SECONDS} seconds per server instance.`,
    auth: 'user',
    response: { status: 200, description: 'the counts', schema: StatisticsSchema, headers: NO_STORE },
    errors: ['unauthenticated', 'forbidden'],
    async handle({ res, actor }) {
      res.set('Cache-Control', 'no-store').json(presentStatistics(await use(GetStatistics).execute(actor)));
    },
  });

  api.add(base, {
    method: 'get',
    path: '/audit',
    tag: 'admin',
    summary: 'The audit trail, newest first, filtered by actor and action (admins)',
    auth: 'user',
    query: ListAuditEventsInput,
    response: { status: 200, description: 'a page of audit events', schema: AuditPageSchema },
    errors: ['unauthenticated', 'forbidden', 'validation_failed', 'invalid_cursor'],
    caching: 'no-store',
    async handle({ req, res, actor }) {
      const page = await use(ListAuditEvents).execute(actor, req.query);
      res.json({ items: page.items.map(presentAuditEvent), nextCursor: page.nextCursor });
    },
  });
}
