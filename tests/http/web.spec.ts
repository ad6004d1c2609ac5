import { expect } from 'chai';
import type { Express } from 'express';
import request from '../support/http.ts';
import { anonymous, SYSTEM, userActor } from '../../application/actor.ts';
import { ListNotifications } from '../../application/notifications/list-notifications.ts';
import { ListAuditEvents } from '../../application/admin/list-audit-events.ts';
import { ListUsers } from '../../application/admin/list-users.ts';
import { RefreshSession } from '../../application/auth/refresh-session.ts';
import { ListCategories } from '../../application/categories/list-categories.ts';
import { CreateTheme } from '../../application/themes/create-theme.ts';
import { GetTheme } from '../../application/themes/get-theme.ts';
import { SearchThemes } from '../../application/themes/search-themes.ts';
import { ListSessions } from '../../application/users/list-sessions.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';
import { csrfOf, DEMO_PASSWORD, loadDemoCatalogue, PageClient } from '../support/web.ts';

const XSS_NAME = '<img src=x onerror=alert(1)>';

/** The cards' titles on a catalogue page, in order. */
function titles(html: string): string[] {
  return [...html.matchAll(/class="card-link">([^<]*)</g)].map((m) => m[1]!.replaceAll('&amp;', '&').replaceAll('&#39;', "'"));
}

function sessionCookie(res: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((c) => /^(__Host-)?session=/.test(c));
}

for (const profile of PROFILES) {
  describe(`Web pages (${profile.name})`, function () {
    this.timeout(60_000);
    let runtime: Runtime;
    let app: Express;
    let clock: FixedClock;
    let env: Record<string, string>;
    const get = <T>(id: new (...args: never[]) => T): T => runtime.container.get(id as never);
    const userId = async (username: string) => (await get(ListUsers).execute(SYSTEM, { q: username })).items.find((u) => u.username === username)!.id;

    beforeEach(async () => {
      env = { ...(await profile.env()), LOGIN_MAX_FAILURES: '3' };
      clock = new FixedClock(undefined, 1);
      runtime = await testRuntime({ env, clock });
      app = testApp(runtime, env);
      await loadDemoCatalogue(runtime);
    });
    afterEach(() => runtime.close());

    describe('the public catalogue', () => {
      it('shows published themes as cards with names, hex values, category, owner and favourites; drafts stay out', async () => {
        const res = await request(app).get('/').expect(200);
        expect(res.type).to.equal('text/html');
        const shown = titles(res.text);
        expect(shown).to.include.members(['Solarized Dark', 'Nord', 'Synthwave Sunset']);
        expect(shown).to.not.include('Work in progress');
        expect(res.text).to.include('#002b36').and.include('base03').and.include('@ada').and.include('>Dark<');
        expect(res.text).to.match(/favourites/);
      });

      it('searches by words, category, tag, owner and sort, and by colour from the picker or a link', async () => {
        const search = async (query: Record<string, string>) => titles((await request(app).get('/').query(query).expect(200)).text);
        expect(await search({ q: 'solarized' })).to.include.members(['Solarized Dark', 'Solarized Light']).and.not.include('Nord');
        expect(await search({ category: 'cool' })).to.have.members(['Nord', 'Tokyo Night']);
        expect(await search({ tag: 'classic' })).to.include.members(['Solarized Dark', 'Solarized Light']).and.not.include('Nord');
        expect(await search({ owner: 'grace' })).to.not.include('Solarized Dark');
        const byName = await search({ sort: 'name' });
        expect(byName).to.deep.equal([...byName].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
        // The picker counts only with "Near" ticked; a link gives the colour itself.
        const near = await search({ bycolor: '1', pick: '#268bd2' });
        expect(near).to.have.members(['Solarized Dark', 'Solarized Light']);
        expect(await search({ pick: '#268bd2' })).to.include('Nord');
        expect(await search({ color: '#268BD2' })).to.deep.equal(near);
      });

      it('filters by text contrast, colour-blind safety and number of colours, keeping them in the form and the page links', async () => {
        const owner = (await get(GetTheme).execute(anonymous(), 'solarized-dark')).owner.id;
        const colors = [
          { name: 'Paper', hex: '#ffffff', role: 'background' },
          { name: 'Ink', hex: '#000000', role: 'text' },
        ];
        await get(CreateTheme).execute({ kind: 'user', userId: owner, role: 'user' }, { name: 'Paper and Ink', status: 'published', colors });
        const res = await request(app).get('/').query({ accessible: 'AAA', cvdSafe: 'true' }).expect(200);
        expect(titles(res.text)).to.deep.equal(['Paper and Ink']);
        expect(res.text).to.match(/<option value="AAA" selected>/).and.match(/<input[^>]*name="cvdSafe" value="true" checked/);
        // Solarized Light's body text falls short of AA (4.13:1); every other demo theme reaches it.
        const readable = titles((await request(app).get('/').query({ accessible: 'AA' }).expect(200)).text);
        const all = (await get(SearchThemes).execute(anonymous(), { limit: 100 })).items;
        expect(readable).to.include.members(['Paper and Ink', 'Solarized Dark']).and.not.include('Solarized Light');
        expect(readable).to.have.length(all.length - 1);
        const sized = await request(app).get('/').query({ colors: '2', sort: 'name' }).expect(200);
        expect(titles(sized.text)).to.deep.equal(['Paper and Ink']);
        expect(sized.text).to.match(/<input[^>]*name="colors"[^>]*value="2"/).and.include('>2 colours</span>');
        expect((await request(app).get('/').query({ colors: '1' }).expect(200)).text).to.include('>1 colour</span>');
        // The filters ride along in the links that change the others, such as a hue.
        expect(sized.text).to.match(/href="\/\?color=%23e63946&colors=2&sort=name"/);
        // An empty number field or select (the form's defaults) is no filter; an impossible size keeps the form and says why.
        expect(titles((await request(app).get('/').query({ colors: '', accessible: '' }).expect(200)).text)).to.have.length(Math.min(all.length, 24));
        const refused = await request(app).get('/').query({ colors: '99', q: 'sun' }).expect(422);
        expect(refused.text).to.include('value="sun"').and.include('colors');
        expect(titles(refused.text)).to.deep.equal([]);
      });

      it('keeps the form and says why when a filter is malformed, instead of failing the page', async () => {
        const res = await request(app).get('/').query({ color: 'red', q: 'sun' }).expect(422);
        expect(res.text).to.include('must be a #RRGGBB colour').and.include('value="sun"');
        expect(titles(res.text)).to.deep.equal([]);
        const broken = await request(app).get('/').query({ cursor: 'forged' }).expect(422);
        expect(broken.text).to.include('This page link is broken');
      });

      it('pages with keyset "next page" links that neither repeat nor skip a theme', async () => {
        const owner = (await get(GetTheme).execute(anonymous(), 'solarized-dark')).owner.id;
        for (let i = 0; i < 30; i++)
          await get(CreateTheme).execute({ kind: 'user', userId: owner, role: 'user' }, { name: `Batch ${i}`, status: 'published', colors: [{ name: 'a', hex: '#123456' }] });
        const seen: string[] = [];
        let path: string | undefined = '/?sort=name';
        while (path) {
          const res: request.Response = await request(app).get(path).expect(200);
          const page = titles(res.text);
          expect(page.length).to.be.at.most(24);
          seen.push(...page);
          path = /<a href="([^"]+)" rel="next"/.exec(res.text)?.[1]?.replaceAll('&amp;', '&');
        }
        expect(seen).to.have.length(new Set(seen).size);
        expect(seen).to.have.length((await get(SearchThemes).execute(anonymous(), { limit: 100 })).items.length);
        expect(seen.filter((t) => t.startsWith('Batch '))).to.have.length(30);
      });

      it('renders a theme named like markup as text, in the grid and on its page', async () => {
        const owner = (await get(GetTheme).execute(anonymous(), 'nord')).owner.id;
        await get(CreateTheme).execute({ kind: 'user', userId: owner, role: 'user' }, {
          name: XSS_NAME,
          description: '<script>alert(2)</script>',
          status: 'published',
          colors: [{ name: '<b>bold</b>', hex: '#112233' }],
        });
        for (const path of ['/', '/t/img-src-x-onerror-alert-1']) {
          const res = await request(app).get(path).expect(200);
          // Outside quoted attribute values (where `<` is only text), no tag of the name survives.
          const markup = res.text.replace(/"[^"]*"/g, '""');
          expect(markup, path).to.not.include('<img src=x').and.not.include('<script>alert').and.not.include('<b>bold');
          expect(res.text, path).to.include('&lt;img src=x onerror=alert(1)');
        }
      });
    });

    describe('a theme page', () => {
      it('shows the palette, roles, contrast matrix, colour-vision previews and an export link for every format', async () => {
        const res = await request(app).get('/t/solarized-dark').expect(200);
        expect(res.text).to.include('base03').and.include('#002b36').and.include('background');
        expect(res.text).to.include('Contrast matrix').and.include('Protanopia').and.include('Deuteranopia').and.include('Tritanopia');
        expect(res.text).to.include('text on background');
        for (const format of ['css', 'json', 'tailwind', 'scss', 'gpl', 'ase', 'pal', 'hex', 'svg', 'png']) expect(res.text).to.include(`/t/solarized-dark/export/${format}`);
      });

      it('downloads each export under the theme’s file name, and answers 404 for an unknown format or theme', async () => {
        const css = await request(app).get('/t/solarized-dark/export/css').expect(200);
        expect(css.headers['content-disposition']).to.match(/^attachment; filename="?solarized-dark\.css"?$/);
        expect(css.text).to.include('#002b36');
        const ase = await request(app).get('/t/solarized-dark/export/ase').expect(200);
        expect(ase.headers['content-type']).to.equal('application/octet-stream');
        await request(app).get('/t/solarized-dark/export/docx').expect(404);
        const missing = await request(app).get('/t/no-such-theme').expect(404);
        expect(missing.type).to.equal('text/html');
        expect(missing.text).to.include('Not found');
      });

      it('keeps drafts to their owner: 404 for others, visible with its exports to the owner signed in', async () => {
        await request(app).get('/t/work-in-progress').expect(404);
        const owner = new PageClient(app);
        await owner.signIn('ada').then((r) => expect(r.status).to.equal(303));
        const page = await owner.get('/t/work-in-progress').expect(200);
        expect(page.text).to.include('Draft');
        await owner.get('/t/work-in-progress/export/hex').expect(200);
        const mine = await owner.get('/me').expect(200);
        expect(titles(mine.text)).to.include('Work in progress');
      });

      it('lets a signed-in user favourite and unfavourite, and lists favourites under Your themes', async () => {
        const ada = new PageClient(app);
        await ada.signIn('ada');
        expect((await ada.post('/t/nord', '/t/nord/favorite')).headers.location).to.equal('/t/nord');
        expect((await get(GetTheme).execute(anonymous(), 'nord')).theme.favoriteCount).to.equal(1);
        expect((await ada.get('/t/nord')).text).to.include('Favourited');
        expect(titles((await ada.get('/me')).text)).to.include('Nord');
        await ada.post('/t/nord', '/t/nord/unfavorite');
        expect((await get(GetTheme).execute(anonymous(), 'nord')).theme.favoriteCount).to.equal(0);
      });
    });

    describe('browser sessions', () => {
      it('signs in with an httpOnly, SameSite=Strict cookie bound to a new session, and the cookie never authenticates /api/v1', async () => {
        const client = new PageClient(app);
        const res = await client.signIn('ada', DEMO_PASSWORD, '/me');
        expect(res.status).to.equal(303);
        expect(res.headers.location).to.equal('/me');
        const cookie = sessionCookie(res)!;
        expect(cookie).to.match(/^session=/).and.match(/HttpOnly/).and.match(/SameSite=Strict/).and.match(/Path=\//).and.not.match(/Secure/);
        const adaId = await userId('ada');
        const sessions = await get(ListSessions).execute({ kind: 'user', userId: adaId, role: 'user' });
        expect(sessions).to.have.length(1);
        await client.agent.get('/api/v1/users/me').expect(401);
      });

      it('marks the cookie Secure and __Host- when PUBLIC_URL is https', async () => {
        const secureApp = testApp(runtime, { ...env, PUBLIC_URL: 'https://themes.example' });
        const page = await request(secureApp).get('/sign-in').expect(200);
        const csrf = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('__Host-csrf='))!;
        expect(csrf).to.match(/Secure/).and.match(/HttpOnly/).and.match(/SameSite=Strict/);
        const res = await request(secureApp)
          .post('/sign-in')
          .set('Cookie', csrf.split(';')[0]!)
          .type('form')
          .send({ _csrf: csrfOf(page.text), login: 'ada', password: DEMO_PASSWORD, next: '/' })
          .expect(303);
        expect(sessionCookie(res)).to.match(/^__Host-session=/).and.match(/Secure/).and.match(/HttpOnly/).and.match(/SameSite=Strict/);
      });

      it('refreshes an expired access token through the session’s refresh token, in the same session', async () => {
        const client = new PageClient(app);
        await client.signIn('ada');
        const adaId = await userId('ada');
        clock.advance(16 * 60);
        const res = await client.get('/').expect(200);
        expect(res.text).to.include('@ada');
        expect(sessionCookie(res)).to.match(/^session=/);
        expect(await get(ListSessions).execute({ kind: 'user', userId: adaId, role: 'user' })).to.have.length(1);
      });

      it('signs out: the session’s refresh-token family is revoked and the cookie cleared', async () => {
        const client = new PageClient(app);
        const signedIn = await client.signIn('ada');
        const refreshToken = decodeURIComponent(sessionCookie(signedIn)!.split(';')[0]!.split('=')[1]!).split('~')[0]!;
        const out = await client.post('/', '/sign-out');
        expect(out.status).to.equal(303);
        expect(sessionCookie(out)).to.match(/^session=;/);
        expect((await client.get('/')).text).to.include('>Sign in</a>').and.not.include('Sign out');
        expect((await rejectionOf(get(RefreshSession).execute(anonymous(), { refreshToken }))).code).to.equal('invalid_refresh_token');
      });

      it('redirects only to paths of this site after signing in', async () => {
        for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
          const res = await new PageClient(app).signIn('ada', DEMO_PASSWORD, next);
          expect(res.headers.location, next).to.equal('/');
        }
      });

      it('applies the API’s lockout and records the attempts in the audit log and sign-in history', async () => {
        const client = new PageClient(app);
        for (let i = 0; i < 3; i++) {
          const res = await client.signIn('grace', 'wrong password');
          expect(res.status).to.equal(401);
          expect(res.text).to.include('do not match');
        }
        const locked = await client.signIn('grace');
        expect(locked.status).to.equal(429);
        expect(locked.headers['retry-after']).to.match(/^\d+$/);
        expect(sessionCookie(locked)).to.equal(undefined);
        const actions = (await get(ListAuditEvents).execute(SYSTEM, { limit: 100 })).items.map((e) => e.action);
        expect(actions.filter((a) => a === 'auth.login_failed')).to.have.length(3);
        expect(actions).to.include('auth.locked');
      });

      it('counts sign-ins against AUTH_RATE_LIMIT per address, as /api/v1/auth does', async () => {
        const limitedEnv = { ...env, AUTH_RATE_LIMIT: '2' };
        const limited = await testRuntime({ env: limitedEnv });
        try {
          await loadDemoCatalogue(limited);
          const client = new PageClient(testApp(limited, limitedEnv));
          expect((await client.signIn('ada', 'wrong')).status).to.equal(401);
          expect((await client.signIn('ada', 'wrong')).status).to.equal(401);
          const third = await client.signIn('ada');
          expect(third.status).to.equal(429);
          expect(third.text).to.include('try again in');
          expect(sessionCookie(third)).to.equal(undefined);
        } finally {
          await limited.close();
        }
      });
    });

    describe('CSRF', () => {
      it('refuses a form post without its token, or with a token of another browser, before anything runs', async () => {
        const ada = new PageClient(app);
        await ada.signIn('ada');
        const missing = await ada.agent.post('/t/nord/favorite').type('form').send({}).redirects(0);
        expect(missing.status).to.equal(403);
        expect(missing.text).to.include('This form has expired');
        const other = new PageClient(app);
        const foreign = csrfOf((await other.get('/sign-in')).text);
        await ada.agent.post('/t/nord/favorite').type('form').send({ _csrf: foreign }).redirects(0).expect(403);
        expect((await get(GetTheme).execute(anonymous(), 'nord')).theme.favoriteCount).to.equal(0);
        const signIn = await request(app).post('/sign-in').type('form').send({ login: 'ada', password: DEMO_PASSWORD }).expect(403);
        expect(sessionCookie(signIn)).to.equal(undefined);
      });

      it('binds tokens to the session: the token of the signed-out page is refused once signed in', async () => {
        const client = new PageClient(app);
        const anonymousToken = csrfOf((await client.get('/sign-in')).text);
        await client.signIn('ada');
        await client.agent.post('/t/nord/favorite').type('form').send({ _csrf: anonymousToken }).redirects(0).expect(403);
      });
    });

    describe('headers', () => {
      it('serves pages under a CSP without inline scripts or styles (one nonce’d style block), never stored', async () => {
        const res = await request(app).get('/t/nord').expect(200);
        const csp = res.headers['content-security-policy'] as string;
        expect(csp).to.not.include('unsafe-inline').and.not.include('unsafe-eval');
        const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
        expect(res.text).to.include(`<style nonce="${nonce}">`);
        expect(csp).to.include("script-src 'self'").and.include("frame-ancestors 'none'").and.include("form-action 'self'");
        expect(res.text).to.not.match(/<script(?![^>]*\bsrc=)/).and.not.match(/\sstyle="/).and.not.match(/\son[a-z]+="/);
        expect(res.headers['cache-control']).to.equal('no-store');
        expect((await request(app).get('/').expect(200)).headers['content-security-policy']).to.not.include(nonce);
      });

      it('serves the stylesheet and script under hashed names, immutable and compressed', async () => {
        const page = await request(app).get('/').expect(200);
        const css = /href="(\/assets\/site\.[0-9a-f]{10}\.css)"/.exec(page.text)?.[1];
        const js = /src="(\/assets\/site\.[0-9a-f]{10}\.js)"/.exec(page.text)?.[1];
        for (const asset of [css!, js!]) {
          const res = await request(app).get(asset).set('Accept-Encoding', 'gzip').expect(200);
          expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
          expect(res.headers['content-encoding']).to.equal('gzip');
        }
        await request(app).get('/assets/site.0000000000.css').expect(404);
      });
    });

    describe('the admin dashboard', () => {
      it('shows a sign-in form to visitors, a 403 page to plain users, moderation and categories to moderators, everything to admins', async () => {
        const visitor = await request(app).get('/admin').expect(200);
        expect(visitor.text).to.include('Sign in to the admin').and.include('name="next" value="/admin"');

        const user = new PageClient(app);
        await user.signIn('ada', DEMO_PASSWORD, '/admin');
        const refused = await user.get('/admin').expect(403);
        expect(refused.text).to.include('Not allowed');
        for (const path of ['/admin/users', '/admin/audit', '/admin/moderation', '/admin/categories', '/admin/storage']) await user.get(path).expect(403);

        const mod = new PageClient(app);
        await mod.signIn('moderator');
        const modHome = await mod.get('/admin').expect(200);
        expect(modHome.text).to.include('href="/admin/moderation"').and.include('href="/admin/categories"').and.not.include('href="/admin/users"');
        await mod.get('/admin/moderation').expect(200);
        await mod.get('/admin/categories').expect(200);
        for (const path of ['/admin/users', '/admin/audit', '/admin/storage']) await mod.get(path).expect(403);

        const admin = new PageClient(app);
        await admin.signIn('admin');
        const home = await admin.get('/admin').expect(200);
        expect(home.text).to.include('Published themes').and.include('Deletion backlog').and.include('href="/admin/users"');
        // Counts take the noun's form for their number: "1 admin", "2 moderators", never "1 admins".
        const counted = [...home.text.matchAll(/(\d[\d,]*) (admins?|moderators?|drafts?)\b/g)].map(([, n, noun]) => [n, noun]);
        expect(counted.map(([, noun]) => noun!.replace(/s$/, ''))).to.deep.equal(['admin', 'moderator', 'draft']);
        for (const [n, noun] of counted) expect(noun!.endsWith('s'), `${n} ${noun}`).to.equal(n !== '1');
        expect(counted).to.deep.include(['1', 'admin']);
        await admin.get('/admin/storage').expect(200);
        await admin.get('/admin/nowhere').expect(404);
      });

      it('lets an admin search users, change a role, unlock sign-ins, and see it all in the audit log, filtered', async () => {
        const admin = new PageClient(app);
        await admin.signIn('admin');
        const list = await admin.get('/admin/users?q=grace').expect(200);
        expect(list.text).to.include('@grace').and.not.include('@linus');
        const grace = await userId('grace');
        const detail = await admin.get(`/admin/users/${grace}`).expect(200);
        expect(detail.text).to.include('Sign-in history').and.include('Signed-in sessions');

        const saved = await admin.post(`/admin/users/${grace}`, `/admin/users/${grace}`, { role: 'moderator', status: 'active' });
        expect(saved.headers.location).to.equal(`/admin/users/${grace}?done=saved`);
        expect((await admin.get(saved.headers.location!)).text).to.include('Saved.');
        await admin.post(`/admin/users/${grace}`, `/admin/users/${grace}/unlock`);

        const audit = await admin.get(`/admin/audit?action=admin.user_updated`).expect(200);
        expect(audit.text).to.include('admin.user_updated').and.include('&#34;role&#34;:&#34;moderator&#34;');
        expect((await admin.get('/admin/audit?action=admin.user_unlocked')).text).to.include('admin.user_unlocked');
        // The time window: the change happened at the fixed clock's time, so a window before it is empty.
        expect((await admin.get('/admin/audit?action=admin.user_updated&until=2026-11-21T11:00')).text).to.include('No event matches');
        expect((await admin.get('/admin/audit?action=admin.user_updated&since=2026-11-21T11:00')).text).to.include('admin.user_updated');
        const bad = await admin.get('/admin/audit?actor=not-a-uuid').expect(422);
        expect(bad.text).to.include('actor');
      });

      it('refuses to demote the last admin with a page that says why', async () => {
        const admin = new PageClient(app);
        await admin.signIn('admin');
        const me = await userId('admin');
        const res = await admin.post(`/admin/users/${me}`, `/admin/users/${me}`, { role: 'user' });
        expect(res.status).to.equal(409);
        expect(res.text).to.include('Conflict');
      });

      it('notifies the owner when a moderator unpublishes their theme from the web page, as the API does', async () => {
        const mod = new PageClient(app);
        await mod.signIn('moderator');
        const nord = (await get(GetTheme).execute(anonymous(), 'nord')).theme;
        await mod.post('/admin/moderation', `/admin/themes/${nord.id}/unpublish`).then((r) => expect(r.status).to.equal(303));
        const owner = (await get(ListUsers).execute(SYSTEM, {})).items.find((u) => u.id === nord.ownerId)!;
        const list = await get(ListNotifications).execute(userActor(owner.id, owner.role), {});
        expect(list.items.map((n) => [n.kind, n.themeId, n.data.action])).to.deep.equal([['theme_moderated', nord.id, 'unpublished']]);
        expect(list.unreadCount).to.equal(1);
      });

      it('lets a moderator unpublish, edit and delete themes from the queue; unpublished themes leave the public grid', async () => {
        const mod = new PageClient(app);
        await mod.signIn('moderator');
        const nord = (await get(GetTheme).execute(anonymous(), 'nord')).theme;
        expect((await mod.get('/admin/moderation')).text).to.include('Nord');
        const res = await mod.post('/admin/moderation', `/admin/themes/${nord.id}/unpublish`);
        expect(res.headers.location).to.equal('/admin/moderation?done=unpublished');
        expect(titles((await request(app).get('/').expect(200)).text)).to.not.include('Nord');
        await request(app).get('/t/nord').expect(404);

        const dark = (await get(GetTheme).execute(anonymous(), 'solarized-dark')).theme;
        const form = await mod.get(`/admin/themes/${dark.id}/edit`).expect(200);
        const edited = await mod.agent
          .post(`/admin/themes/${dark.id}/edit`)
          .type('form')
          .send({ _csrf: csrfOf(form.text), version: String(dark.version), name: 'Solarized Night', description: 'Renamed by a moderator.', tags: 'solarized, night', categoryId: '' })
          .redirects(0);
        expect(edited.status).to.equal(303);
        const after = await get(GetTheme).execute(anonymous(), dark.id);
        expect(after.theme).to.include({ name: 'Solarized Night', description: 'Renamed by a moderator.' });
        expect(after.theme.tags).to.deep.equal(['solarized', 'night']);
        expect(after.category).to.equal(null);

        const stale = await mod.agent
          .post(`/admin/themes/${dark.id}/edit`)
          .type('form')
          .send({ _csrf: csrfOf(form.text), version: String(dark.version), name: 'Lost update', description: '', tags: '', categoryId: '' })
          .redirects(0);
        expect(stale.status).to.equal(409);
        expect(stale.text).to.include('Someone changed this').and.include('value="Lost update"');

        await mod.post('/admin/moderation', `/admin/themes/${dark.id}/delete`).then((r) => expect(r.status).to.equal(303));
        await request(app).get(`/t/${after.theme.slug}`).expect(404);
        const actions = (await get(ListAuditEvents).execute(SYSTEM, { action: 'theme.deleted' })).items;
        expect(actions).to.have.length(1);
      });

      it('lets a moderator create, rename and delete categories, and shows a taken slug or a category in use as a conflict', async () => {
        const mod = new PageClient(app);
        await mod.signIn('moderator');
        expect((await mod.post('/admin/categories', '/admin/categories', { name: 'Forest', description: 'Greens' })).headers.location).to.equal('/admin/categories?done=created');
        const taken = await mod.post('/admin/categories', '/admin/categories', { name: 'Forest' });
        expect(taken.status).to.equal(409);
        const forest = (await get(ListCategories).execute()).find((c) => c.category.slug === 'forest')!.category;
        await mod.post('/admin/categories', `/admin/categories/${forest.id}`, { name: 'Woodland', description: 'Greens and browns' });
        expect((await get(ListCategories).execute()).map((c) => c.category.name)).to.include('Woodland');
        const dark = (await get(ListCategories).execute()).find((c) => c.category.slug === 'dark')!.category;
        const inUse = await mod.post('/admin/categories', `/admin/categories/${dark.id}/delete`);
        expect(inUse.status).to.equal(409);
        await mod.post('/admin/categories', `/admin/categories/${forest.id}/delete`).then((r) => expect(r.status).to.equal(303));
        expect((await get(ListCategories).execute()).map((c) => c.category.slug)).to.not.include('forest');
      });

      it('does not trust a session whose account was disabled', async () => {
        const admin = new PageClient(app);
        await admin.signIn('admin');
        const mod = new PageClient(app);
        await mod.signIn('moderator');
        const modId = await userId('moderator');
        await admin.post(`/admin/users/${modId}`, `/admin/users/${modId}`, { role: 'moderator', status: 'disabled' });
        const res = await mod.get('/admin/moderation');
        expect(res.status).to.equal(303);
        expect(res.headers.location).to.equal('/sign-in?next=%2Fadmin%2Fmoderation');
      });
    });
  });
}
