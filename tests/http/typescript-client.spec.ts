import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createThemesClient, multipart, ThemesApiError, type Tokens } from '../../clients/typescript/src/index.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { checkedFetch } from '../support/http.ts';
import { anImage } from '../support/images.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

const PASSWORD = 'correct horse battery';

for (const profile of PROFILES)
  describe(`the TypeScript client (clients/typescript) against a real server (${profile.name})`, () => {
    let runtime: Runtime;
    let server: Server;
    let baseUrl: string;
    let clock: FixedClock;
    /** Every exchange of the client is checked against the OpenAPI document too. */
    const client = (tokens?: Tokens, onTokens?: (t: Tokens | null) => void) =>
      createThemesClient({ baseUrl, fetch: checkedFetch(), ...(tokens ? { tokens } : {}), ...(onTokens ? { onTokens } : {}) });

    beforeEach(async () => {
      const env = await profile.env();
      clock = new FixedClock(undefined, 1);
      runtime = await testRuntime({ env, clock });
      server = createServer(testApp(runtime, env));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(async () => {
      await new Promise((resolve) => server.close(resolve));
      await runtime.close();
    });

    it('runs the main flows: register, create and publish, upload a cover, search by colour, favourite, export', async () => {
      const ada = client();
      const session = await ada.register({ email: 'Ada@Example.com', username: 'ada', password: PASSWORD, displayName: 'Ada' });
      expect(session.user.email).to.equal('ada@example.com');

      const created = await ada.api.POST('/api/v1/themes', {
        body: { name: 'Ocean Breeze', colors: [{ name: 'Deep', hex: '#0B3D91', role: 'primary' }, { name: 'Foam', hex: '#e0f7fa', role: 'background' }], tags: ['Blue'] },
      });
      expect(created.response.status).to.equal(201);
      const theme = created.data!;
      expect(theme).to.include({ status: 'draft', version: 1 });

      const published = await ada.api.PATCH('/api/v1/themes/{idOrSlug}', {
        params: { path: { idOrSlug: theme.id }, header: { 'If-Match': `"${theme.version}"` } },
        body: { status: 'published' },
      });
      expect(published.data).to.include({ status: 'published', version: 2 });
      const stale = await ada.api.PATCH('/api/v1/themes/{idOrSlug}', { params: { path: { idOrSlug: theme.id }, header: { 'If-Match': '"1"' } }, body: { name: 'Stale' } });
      expect(stale.response.status).to.equal(412);
      expect(stale.error?.code).to.equal('precondition_failed');

      const cover = await ada.api.POST('/api/v1/themes/{idOrSlug}/images', {
        params: { path: { idOrSlug: theme.slug } },
        body: { file: new Blob([await anImage('png', 64, 32)], { type: 'image/png' }), kind: 'cover', alt: 'waves' },
        bodySerializer: multipart,
      });
      expect(cover.response.status).to.equal(201);
      expect(cover.data).to.include({ kind: 'cover', contentType: 'image/png', width: 64, height: 32 });
      const bytes = await ada.api.GET('/api/v1/images/{id}/content', { params: { path: { id: cover.data!.id }, header: { Range: 'bytes=0-7' } }, parseAs: 'arrayBuffer' });
      expect(bytes.response.status).to.equal(206);
      expect(Buffer.from(bytes.data!).subarray(1, 4).toString()).to.equal('PNG');

      const bob = client();
      await bob.register({ email: 'bob@example.com', username: 'bob', password: PASSWORD });
      const found = await bob.api.GET('/api/v1/themes', { params: { query: { color: '#0B3D92', sort: 'name' } } });
      expect(found.data!.items.map((t) => t.id)).to.deep.equal([theme.id]);
      expect(found.data!.items[0]!.cover?.id).to.equal(cover.data!.id);

      expect((await bob.api.PUT('/api/v1/themes/{idOrSlug}/favorite', { params: { path: { idOrSlug: theme.id } } })).response.status).to.equal(204);
      const favorites = await bob.api.GET('/api/v1/users/me/favorites');
      expect(favorites.data!.items.map((t) => [t.id, t.favorited])).to.deep.equal([[theme.id, true]]);

      const css = await bob.api.GET('/api/v1/themes/{idOrSlug}/export', { params: { path: { idOrSlug: theme.slug }, query: { format: 'css' } }, parseAs: 'text' });
      expect(css.response.headers.get('content-type')).to.match(/^text\/css/);
      expect(css.data).to.include('--primary: #0b3d91;');
      const tokens = await bob.api.GET('/api/v1/themes/{idOrSlug}/export', { params: { path: { idOrSlug: theme.slug }, query: { format: 'json' } } });
      expect(tokens.data).to.have.property('$description', 'Ocean Breeze');
    });

    it('refreshes an expired access token once, transparently, and keeps the new tokens', async () => {
      const kept: (Tokens | null)[] = [];
      const ada = client(undefined, (tokens) => kept.push(tokens));
      await ada.register({ email: 'ada@example.com', username: 'ada', password: PASSWORD });
      const first = ada.tokens!;

      clock.advance(16 * 60); // past ACCESS_TOKEN_TTL (15 minutes)
      const [me, again] = await Promise.all([ada.api.GET('/api/v1/users/me'), ada.api.GET('/api/v1/users/me/sessions')]);
      expect(me.response.status).to.equal(200);
      expect(me.data!.username).to.equal('ada');
      expect(again.response.status).to.equal(200);
      // One refresh for both calls: a second would have presented a spent refresh token.
      expect(kept).to.have.length(2);
      expect(ada.tokens!.refreshToken).to.not.equal(first.refreshToken);

      // A client made with the kept tokens carries on the same session.
      const later = client(kept.at(-1)!);
      expect((await later.api.GET('/api/v1/users/me')).data!.username).to.equal('ada');
    });

    it('answers 401 as it is when the session cannot be refreshed, and signs out', async () => {
      const ada = client();
      await ada.register({ email: 'ada@example.com', username: 'ada', password: PASSWORD });
      await ada.logout();
      expect(ada.tokens).to.equal(null);
      const signedOut = await ada.api.GET('/api/v1/users/me');
      expect(signedOut.response.status).to.equal(401);
      expect(signedOut.error?.code).to.equal('unauthenticated');

      await ada.login('ADA', PASSWORD);
      const revoked = ada.tokens!;
      await client(revoked).logout();
      clock.advance(16 * 60);
      const expired = await ada.api.GET('/api/v1/users/me');
      expect(expired.response.status).to.equal(401);
      expect(ada.tokens).to.equal(null);
      await ada.login('nobody', PASSWORD).then(
        () => expect.fail('a wrong login signed in'),
        (error: unknown) => expect(error).to.be.instanceOf(ThemesApiError).and.to.include({ status: 401 }),
      );
    });
  });
