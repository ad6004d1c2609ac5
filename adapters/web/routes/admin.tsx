import type { Request, Response } from 'express';
import { can, requirePermission } from '../../../application/actor.ts';
import { GetDeletionBacklog } from '../../../application/admin/get-deletion-backlog.ts';
import { GetStatistics } from '../../../application/admin/get-statistics.ts';
import { GetUser } from '../../../application/admin/get-user.ts';
import { ListAuditEvents } from '../../../application/admin/list-audit-events.ts';
import { ListUserLogins } from '../../../application/admin/list-user-logins.ts';
import { ListUserSessions } from '../../../application/admin/list-user-sessions.ts';
import { ListUsers } from '../../../application/admin/list-users.ts';
import { UpdateUser } from '../../../application/admin/update-user.ts';
import { CreateCategory } from '../../../application/categories/create-category.ts';
import { DeleteCategory } from '../../../application/categories/delete-category.ts';
import { ListCategories } from '../../../application/categories/list-categories.ts';
import { UpdateCategory } from '../../../application/categories/update-category.ts';
import type { AuditAction } from '../../../application/ports/audit-log.ts';
import { DeleteTheme } from '../../../application/themes/delete-theme.ts';
import { GetTheme } from '../../../application/themes/get-theme.ts';
import { SearchThemes } from '../../../application/themes/search-themes.ts';
import { UpdateTheme } from '../../../application/themes/update-theme.ts';
import { Conflict, InvalidCursor, ValidationFailed, VersionConflict, type DomainError } from '../../../domain/errors.ts';
import { refusalOf } from '../errors.tsx';
import { queryString } from '../format.ts';
import { paletteStyles } from '../palette-styles.ts';
import { AuditLogPage, type AuditFilters } from '../views/admin/audit.tsx';
import { Categories } from '../views/admin/categories.tsx';
import { Dashboard } from '../views/admin/dashboard.tsx';
import { Moderation, ThemeEdit, type ThemeEditValues } from '../views/admin/moderation.tsx';
import { Storage } from '../views/admin/storage.tsx';
import { UserDetail, UserList } from '../views/admin/users.tsx';
import { SignIn } from '../views/sign-in.tsx';
import { field, fields, requirePage, seeOther, type PageHandler, type Web } from '../web.ts';
import type { PageState } from '../context.ts';

const ADMIN_PAGE_SIZE = 25;

/** What `?done=` after a post says: a fixed list, so nothing of the URL is echoed into the page. */
const DONE: Record<string, string> = {
  saved: 'Saved.',
  unlocked: 'Sign-ins unlocked: the failed attempts are forgotten.',
  edited: 'The theme was changed.',
  unpublished: 'The theme is a draft again: it has left the public catalogue.',
  deleted: 'The theme was deleted.',
  created: 'The category was created.',
  'category-saved': 'The category was saved.',
  'category-deleted': 'The category was deleted.',
};

/** The actions of the audit log's filter, as the audit port names them. */
const AUDIT_ACTIONS = [
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.locked',
  'auth.refresh_reused',
  'user.registered',
  'user.password_changed',
  'user.session_revoked',
  'user.deleted',
  'admin.user_updated',
  'admin.user_deleted',
  'admin.user_unlocked',
  'category.created',
  'category.updated',
  'category.deleted',
  'theme.deleted',
] as const satisfies readonly AuditAction[];

/** A datetime-local value (`2026-11-21T12:00`) read as UTC, as the form says; anything else goes to the use-case as sent. */
function utc(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00Z` : value;
}

/** Tags as a person types them: separated by commas or spaces. */
function tagList(raw: string): string[] {
  return raw.split(/[\s,]+/).filter(Boolean);
}

export function adminRoutes(web: Web): void {
  const { use } = web;
  const flash = (query: unknown) => DONE[field(query, 'done') ?? ''];
  const page = (req: Request, state: PageState) => ({ state, assets: web.assets, flash: flash(req.query) });

  web.get('/admin', async (req, res, state) => {
    if (state.actor.kind === 'anonymous')
      return web.send(req, res, 200, <SignIn state={state} assets={web.assets} next="/admin" heading="Sign in to the admin" section="admin" />);
    requirePage(can(state.actor, 'themes:moderate'));
    const stats = can(state.actor, 'stats:read') ? await use(GetStatistics).execute(state.actor) : null;
    web.send(req, res, 200, <Dashboard {...page(req, state)} stats={stats} />);
  });

  web.get('/admin/users', async (req, res, state) => {
    const filters = fields(req.query, ['q', 'role', 'status']);
    const cursor = field(req.query, 'cursor');
    const result = await use(ListUsers).execute(state.actor, { ...filters, limit: ADMIN_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    const link = (more: Record<string, string | undefined> = {}) => `/admin/users${queryString({ ...filters, ...more })}`;
    web.send(
      req,
      res,
      200,
      <UserList
        {...page(req, state)}
        users={result.items}
        filters={filters}
        first={cursor ? link() : undefined}
        next={result.nextCursor ? link({ cursor: result.nextCursor }) : undefined}
      />,
    );
  });

  web.get('/admin/users/:id', async (req, res, state) => {
    const id = String(req.params.id);
    const cursor = field(req.query, 'logins');
    const user = await use(GetUser).execute(state.actor, id);
    const [sessions, logins] = await Promise.all([
      use(ListUserSessions).execute(state.actor, id),
      use(ListUserLogins).execute(state.actor, id, { limit: ADMIN_PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    ]);
    web.send(
      req,
      res,
      200,
      <UserDetail
        {...page(req, state)}
        user={user}
        sessions={sessions}
        logins={logins.items}
        nextLogins={logins.nextCursor ? `/admin/users/${id}${queryString({ logins: logins.nextCursor })}` : undefined}
      />,
    );
  });

  web.post('/admin/users/:id', async (req, res, state) => {
    const id = String(req.params.id);
    await use(UpdateUser).execute(state.actor, id, fields(req.body, ['role', 'status']));
    seeOther(res, `/admin/users/${id}?done=saved`);
  });

  web.post('/admin/users/:id/unlock', async (req, res, state) => {
    const id = String(req.params.id);
    await use(UpdateUser).execute(state.actor, id, { unlock: true });
    seeOther(res, `/admin/users/${id}?done=unlocked`);
  });

  web.get('/admin/audit', async (req, res, state) => {
    const filters: AuditFilters = fields(req.query, ['actor', 'action', 'since', 'until']);
    const cursor = field(req.query, 'cursor');
    const input = { ...filters, since: utc(filters.since), until: utc(filters.until), limit: ADMIN_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
    let problem: string | undefined;
    const result = await use(ListAuditEvents)
      .execute(state.actor, input)
      .catch((error: unknown) => {
        if (!(error instanceof ValidationFailed || error instanceof InvalidCursor)) throw error;
        problem = refusalOf(error)!.message;
        return { items: [], nextCursor: null };
      });
    const link = (more: Record<string, string | undefined> = {}) => `/admin/audit${queryString({ ...filters, ...more })}`;
    web.send(
      req,
      res,
      problem ? 422 : 200,
      <AuditLogPage
        {...page(req, state)}
        events={result.items}
        filters={filters}
        actions={AUDIT_ACTIONS}
        problem={problem}
        first={cursor ? link() : undefined}
        next={result.nextCursor ? link({ cursor: result.nextCursor }) : undefined}
      />,
    );
  });

  /** The moderation queue: published themes, newest first (SearchThemes is public; this page is not). */
  web.get('/admin/moderation', async (req, res, state) => {
    requirePermission(state.actor, 'themes:moderate');
    const q = field(req.query, 'q');
    const cursor = field(req.query, 'cursor');
    const result = await use(SearchThemes).execute(state.actor, { ...(q ? { q } : {}), sort: '-createdAt', limit: ADMIN_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    const link = (more: Record<string, string | undefined> = {}) => `/admin/moderation${queryString({ q, ...more })}`;
    web.send(
      req,
      res,
      200,
      <Moderation
        {...page(req, state)}
        paletteCss={paletteStyles(result.items.flatMap((v) => v.theme.colors.map((c) => c.hex)))}
        views={result.items}
        q={q}
        first={cursor ? link() : undefined}
        next={result.nextCursor ? link({ cursor: result.nextCursor }) : undefined}
      />,
    );
  });

  web.get('/admin/themes/:id/edit', async (req, res, state) => {
    requirePermission(state.actor, 'themes:moderate');
    const [view, categories] = await Promise.all([use(GetTheme).execute(state.actor, String(req.params.id)), use(ListCategories).execute()]);
    const { theme } = view;
    const values = { name: theme.name, description: theme.description, tags: theme.tags.join(', '), categoryId: theme.categoryId ?? '' };
    web.send(req, res, 200, <ThemeEdit {...page(req, state)} view={view} values={values} categories={categories} />);
  });

  web.post('/admin/themes/:id/edit', async (req, res, state) => {
    requirePermission(state.actor, 'themes:moderate');
    const id = String(req.params.id);
    const values: ThemeEditValues = {
      name: field(req.body, 'name') ?? '',
      description: field(req.body, 'description') ?? '',
      tags: field(req.body, 'tags') ?? '',
      categoryId: field(req.body, 'categoryId') ?? '',
    };
    const version = Number(field(req.body, 'version'));
    try {
      await use(UpdateTheme).execute(
        state.actor,
        id,
        { name: values.name, description: values.description, tags: tagList(values.tags), categoryId: values.categoryId || null },
        Number.isInteger(version) ? version : undefined,
      );
      seeOther(res, '/admin/moderation?done=edited');
    } catch (error) {
      if (!(error instanceof ValidationFailed || error instanceof VersionConflict || error instanceof Conflict)) throw error;
      const [view, categories] = await Promise.all([use(GetTheme).execute(state.actor, id), use(ListCategories).execute()]);
      const refusal = refusalOf(error)!;
      web.send(req, res, refusal.status, <ThemeEdit {...page(req, state)} view={view} values={values} categories={categories} problem={refusal.message} />);
    }
  });

  web.post('/admin/themes/:id/unpublish', async (req, res, state) => {
    requirePermission(state.actor, 'themes:moderate');
    await use(UpdateTheme).execute(state.actor, String(req.params.id), { status: 'draft' });
    seeOther(res, '/admin/moderation?done=unpublished');
  });

  web.post('/admin/themes/:id/delete', async (req, res, state) => {
    requirePermission(state.actor, 'themes:moderate');
    await use(DeleteTheme).execute(state.actor, String(req.params.id));
    seeOther(res, '/admin/moderation?done=deleted');
  });

  const categoriesPage = async (req: Request, res: Response, state: PageState, error?: DomainError) => {
    requirePermission(state.actor, 'categories:manage');
    const categories = await use(ListCategories).execute();
    const refusal = error ? refusalOf(error) : null;
    web.send(req, res, refusal?.status ?? 200, <Categories {...page(req, state)} categories={categories} problem={refusal?.message} />);
  };
  /** Runs a category change; a refusal a person can fix (a taken slug, a category in use) redraws the list with it. */
  const categoryChange = (run: (req: Request, state: PageState) => Promise<void>, done: string) =>
    (async (req, res, state) => {
      try {
        await run(req, state);
        seeOther(res, `/admin/categories?done=${done}`);
      } catch (error) {
        if (!(error instanceof ValidationFailed || error instanceof Conflict)) throw error;
        await categoriesPage(req, res, state, error);
      }
    }) satisfies PageHandler;

  web.get('/admin/categories', (req, res, state) => categoriesPage(req, res, state));
  web.post(
    '/admin/categories',
    categoryChange(async (req, state) => void (await use(CreateCategory).execute(state.actor, fields(req.body, ['name', 'description']))), 'created'),
  );
  web.post(
    '/admin/categories/:id',
    categoryChange(async (req, state) => {
      await use(UpdateCategory).execute(state.actor, String(req.params.id), { name: field(req.body, 'name') ?? '', description: field(req.body, 'description') ?? '' });
    }, 'category-saved'),
  );
  web.post(
    '/admin/categories/:id/delete',
    categoryChange(async (req, state) => use(DeleteCategory).execute(state.actor, String(req.params.id)), 'category-deleted'),
  );

  web.get('/admin/storage', async (req, res, state) => {
    const backlog = await use(GetDeletionBacklog).execute(state.actor);
    web.send(req, res, 200, <Storage {...page(req, state)} backlog={backlog} />);
  });
}
