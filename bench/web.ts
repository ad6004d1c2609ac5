/**
 * The web face's budgets (issue 16), measured in this process on the memory profile:
 * - the catalogue page under 100 KB transferred, images excluded (HTML, stylesheet, script and icon, as served
 *   compressed to a browser that accepts br and gzip);
 * - the server's time for a catalogue page of 24 themes ≤ 20 ms: the whole request (session, search, views,
 *   render, compression) through the HTTP app, and the render of the page alone beside it.
 */
import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { anonymous, SYSTEM } from '../application/actor.ts';
import { ListCategories } from '../application/categories/list-categories.ts';
import { SearchThemes } from '../application/themes/search-themes.ts';
import { CreateTheme } from '../application/themes/create-theme.ts';
import { CreateUser } from '../application/users/create-user.ts';
import { paletteStyles } from '../adapters/web/palette-styles.ts';
import { catalogueFilters, catalogueLink } from '../adapters/web/routes/catalogue.tsx';
import { Catalogue } from '../adapters/web/views/catalogue.tsx';
import { html } from '../adapters/web/web.ts';
import { testApp, testRuntime } from '../tests/support/runtime.ts';

const KB = 1024;
const PAGE = 24;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

/** Bytes on the wire (the body as sent, compressed if the server compressed it) and the time to the last byte. */
function fetchRaw(url: string, encoding: string): Promise<{ bytes: number; encoding: string; body: string; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const encoding = String(res.headers['content-encoding'] ?? 'identity');
        const text = (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');
        resolve({ bytes: body.length, encoding, body: text, ms: Number(process.hrtime.bigint() - started) / 1e6 });
      });
    })
      .on('error', reject)
      .end();
  });
}

/** A palette of 8 named colours: the long end of what a card shows (themes have 1–16). */
function palette(i: number): { name: string; hex: string; role?: 'background' | 'text' | 'primary' }[] {
  const names = ['Background', 'Surface', 'Foreground', 'Primary accent', 'Secondary', 'Highlight', 'Muted border', 'Warning'];
  return names.map((name, j) => ({
    name,
    hex: `#${(((i * 2654435761) ^ (j * 40503)) >>> 0).toString(16).padStart(8, '0').slice(0, 6)}`,
    ...(j === 0 ? { role: 'background' as const } : j === 2 ? { role: 'text' as const } : j === 3 ? { role: 'primary' as const } : {}),
  }));
}

export async function webPages(): Promise<void> {
  const runtime = await testRuntime();
  const server = createServer();
  try {
    const owner = await runtime.container.get(CreateUser).execute(SYSTEM, { email: 'painter@example.com', username: 'painter', password: 'correct horse battery' });
    const actor = { kind: 'user' as const, userId: owner.id, role: 'user' as const };
    for (let i = 0; i < 60; i++)
      await runtime.container
        .get(CreateTheme)
        .execute(actor, { name: `Evening harbour study no. ${i}`, status: 'published', tags: ['harbour', 'evening'], colors: palette(i) });

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('request', testApp(runtime, { PUBLIC_URL: base }));

    // Transferred: the page and what it loads, as a browser accepting br and gzip gets them (and uncompressed, for scale).
    const page = await fetchRaw(`${base}/`, 'br, gzip');
    const assets = [...page.body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    const cards = (page.body.match(/class="card"/g) ?? []).length;
    let transferred = page.bytes;
    let identity = (await fetchRaw(`${base}/`, 'identity')).bytes;
    for (const asset of assets) {
      transferred += (await fetchRaw(base + asset, 'br, gzip')).bytes;
      identity += (await fetchRaw(base + asset, 'identity')).bytes;
    }
    console.log(
      `catalogue page (${cards} cards of 8 colours, ${assets.length} assets): ${(transferred / KB).toFixed(1)} KB transferred (HTML ${page.encoding} ${(page.bytes / KB).toFixed(1)} KB), ` +
        `${(identity / KB).toFixed(1)} KB uncompressed; ${transferred <= 100 * KB ? 'within' : 'OVER'} the 100 KB budget`,
    );

    // Server time for the whole request, after a warm-up.
    for (let i = 0; i < 30; i++) await fetchRaw(`${base}/`, 'br, gzip');
    const requests: number[] = [];
    for (let i = 0; i < 200; i++) requests.push((await fetchRaw(`${base}/`, 'br, gzip')).ms);

    // The render alone: the same page's views and categories, rendered to a string.
    const filters = catalogueFilters({});
    const views = (await runtime.container.get(SearchThemes).execute(anonymous(), { limit: PAGE })).items;
    const categories = await runtime.container.get(ListCategories).execute();
    const state = { actor: anonymous(), viewer: null, csrfToken: 'x'.repeat(64), nonce: 'n'.repeat(24), here: '/' };
    const assetUrls = { css: '/assets/site.css', js: '/assets/site.js', icon: '/assets/favicon.svg' };
    const renders: number[] = [];
    for (let i = 0; i < 300; i++) {
      const started = process.hrtime.bigint();
      html(
        Catalogue({
          state,
          assets: assetUrls,
          paletteCss: paletteStyles(views.flatMap((v) => v.theme.colors.map((c) => c.hex))),
          filters,
          categories,
          views,
          next: catalogueLink(filters, { cursor: 'c'.repeat(120) }),
          link: (changes) => catalogueLink({ ...filters, ...changes }),
        }),
      );
      renders.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const [r50, s50] = [percentile(requests, 0.5), percentile(renders.slice(50), 0.5)];
    console.log(
      `catalogue page of ${PAGE} themes, server time: whole request p50 ${r50.toFixed(1)} ms, p90 ${percentile(requests, 0.9).toFixed(1)} ms (200 runs); ` +
        `render alone p50 ${s50.toFixed(2)} ms; ${r50 <= 20 ? 'within' : 'OVER'} the 20 ms target`,
    );
  } finally {
    server.close();
    await runtime.close();
  }
}
