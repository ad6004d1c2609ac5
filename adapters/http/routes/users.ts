import { z } from 'zod';
import { ChangePassword, ChangePasswordInput } from '../../../application/users/change-password.ts';
import { DeleteAccount } from '../../../application/users/delete-account.ts';
import { GetMe } from '../../../application/users/get-me.ts';
import { GetPublicProfile } from '../../../application/users/get-public-profile.ts';
import { ListNotifications, ListNotificationsInput } from '../../../application/notifications/list-notifications.ts';
import { MarkNotificationsRead, MarkNotificationsReadInput } from '../../../application/notifications/mark-notifications-read.ts';
import { ListLogins, ListLoginsInput } from '../../../application/users/list-logins.ts';
import { ListSessions } from '../../../application/users/list-sessions.ts';
import { RevokeSession } from '../../../application/users/revoke-session.ts';
import { UpdateProfile, UpdateProfileInput } from '../../../application/users/update-profile.ts';
import type { Api } from '../api.ts';
import type { HttpContext } from '../http-context.ts';
import { presentNotificationList, presentLoginAttemptPage, presentSignedInSession, presentUserPrivate, presentUserPublic } from '../presenters.ts';
import { LoginAttemptPageSchema, NO_STORE, NotificationPageSchema, NotificationsMarkedSchema, SignedInSessionListSchema, UserPrivateSchema, UserPublicSchema } from '../schemas.ts';

export function userRoutes(api: Api, { use, links, reads }: HttpContext): void {
  const base = '/api/v1/users';
  api.add(base, {
    method: 'get',
    path: '/me',
    tag: 'users',
    summary: 'The caller’s own account',
    auth: 'user',
    response: { status: 200, description: 'the account', schema: UserPrivateSchema },
    errors: ['unauthenticated'],
    caching: 'no-store',
    async handle({ res, actor }) {
      res.json(presentUserPrivate(await use(GetMe).execute(actor), links));
    },
  });

  api.add(base, {
    method: 'patch',
    path: '/me',
    tag: 'users',
    summary: 'Change display name, bio or username',
    description: 'role, status and email are not accepted here.',
    auth: 'user',
    body: { schema: UpdateProfileInput, example: { displayName: 'Ada L.', bio: 'I like blue.' } },
    response: { status: 200, description: 'the updated account', schema: UserPrivateSchema },
    errors: ['unauthenticated', 'malformed_request', 'validation_failed', 'username_taken'],
    caching: 'no-store',
    async handle({ res, actor, body }) {
      res.json(presentUserPrivate(await use(UpdateProfile).execute(actor, body), links));
    },
  });

  api.add(base, {
    method: 'put',
    path: '/me/password',
    tag: 'users',
    summary: 'Change the password; every session is ended',
    auth: 'user',
    body: { schema: ChangePasswordInput },
    response: { status: 204, description: 'changed; all refresh tokens revoked' },
    errors: ['unauthenticated', 'malformed_request', 'validation_failed', 'invalid_credentials'],
    caching: 'no-store',
    async handle({ res, actor, body }) {
      await use(ChangePassword).execute(actor, body);
      res.status(204).end();
    },
  });

  api.add(base, {
    method: 'delete',
    path: '/me',
    tag: 'users',
    summary: 'Delete the caller’s account and everything it owns',
    auth: 'user',
    response: { status: 204, description: 'deleted' },
    errors: ['unauthenticated', 'last_admin'],
    caching: 'no-store',
    async handle({ res, actor }) {
      await use(DeleteAccount).execute(actor);
      res.status(204).end();
    },
  });

  api.add(base, {
    method: 'get',
    path: '/me/sessions',
    tag: 'users',
    summary: 'The caller’s signed-in sessions, last used first',
    description: 'One per sign-in that can still refresh: where and with what it was last used, and which one is making this request.',
    auth: 'user',
    response: { status: 200, description: 'the sessions', schema: SignedInSessionListSchema, headers: NO_STORE },
    errors: ['unauthenticated'],
    async handle({ res, actor }) {
      const sessions = await use(ListSessions).execute(actor);
      res.set('Cache-Control', 'no-store').json({ items: sessions.map(presentSignedInSession) });
    },
  });

  api.add(base, {
    method: 'delete',
    path: '/me/sessions/:id',
    tag: 'users',
    summary: 'Sign one of the caller’s sessions out',
    description: 'Its refresh tokens are revoked, and the access tokens issued for it are refused (401) from the next request on. Another user’s session is not found.',
    auth: 'user',
    params: { id: 'the session id' },
    response: { status: 204, description: 'signed out', headers: NO_STORE },
    errors: ['unauthenticated', 'not_found'],
    async handle({ req, res, actor }) {
      await use(RevokeSession).execute(actor, String(req.params.id));
      res.set('Cache-Control', 'no-store').status(204).end();
    },
  });

  api.add(base, {
    method: 'get',
    path: '/me/logins',
    tag: 'users',
    summary: 'The caller’s recent sign-in attempts, newest first',
    description: 'Successes, failures and attempts refused while the login was locked, with time, address and browser; kept LOGIN_HISTORY_DAYS (90) days.',
    auth: 'user',
    query: ListLoginsInput,
    response: { status: 200, description: 'a page of attempts', schema: LoginAttemptPageSchema, headers: NO_STORE },
    errors: ['unauthenticated', 'validation_failed', 'invalid_cursor'],
    async handle({ req, res, actor }) {
      res.set('Cache-Control', 'no-store').json(presentLoginAttemptPage(await use(ListLogins).execute(actor, req.query)));
    },
  });

  api.add(base, {
    method: 'get',
    path: '/me/notifications',
    tag: 'users',
    summary: 'The caller’s notifications, newest first, and how many are unread',
    description:
      'Someone favourited your theme; a moderator edited, unpublished or deleted it; your role or status changed. Also pushed live on the WebSocket channel `me` (see /api/v1/asyncapi.json).',
    auth: 'user',
    query: ListNotificationsInput,
    response: { status: 200, description: 'a page of notifications', schema: NotificationPageSchema },
    errors: ['unauthenticated', 'validation_failed', 'invalid_cursor'],
    caching: 'no-store',
    async handle({ req, res, actor }) {
      res.json(presentNotificationList(await use(ListNotifications).execute(actor, req.query)));
    },
  });

  api.add(base, {
    method: 'post',
    path: '/me/notifications/read',
    tag: 'users',
    summary: 'Mark the caller’s notifications read: up to an id, or the given ids',
    auth: 'user',
    body: { schema: MarkNotificationsReadInput, example: { upTo: 42 } },
    response: { status: 200, description: 'how many were marked, and how many stay unread', schema: NotificationsMarkedSchema },
    errors: ['unauthenticated', 'malformed_request', 'validation_failed'],
    caching: 'no-store',
    async handle({ res, actor, body }) {
      res.json(await use(MarkNotificationsRead).execute(actor, body));
    },
  });

  api.add(base, {
    method: 'get',
    path: '/:username',
    tag: 'users',
    summary: 'A public profile',
    auth: 'none',
    params: { username: 'the username' },
    response: { status: 200, description: 'the profile, without the email', schema: UserPublicSchema },
    errors: ['not_found'],
    caching: 'revalidate',
    async handle({ req, res, actor }) {
      const username = z.string().parse(req.params.username).trim().toLowerCase();
      await reads.serve(req, res, actor, {
        key: `user ${username}`,
        build: async () => {
          const user = await use(GetPublicProfile).execute(username);
          const body = presentUserPublic(user, links);
          return { body, shared: body, tags: () => [`user:${user.id}`], themeIds: [] };
        },
      });
    },
  });
}
