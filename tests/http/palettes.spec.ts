import { expect } from 'chai';
import { read as readAse } from 'ase-util';
import type { Express } from 'express';
import sharp from 'sharp';
import { compile } from 'tailwindcss';
import type { z } from 'zod';
import {
  AccessibilityReportSchema,
  PaletteExtractionSchema,
  SimilarThemesSchema,
  ThemeSchema,
  ThemeTokensSchema,
  UploadedImageSchema,
} from '../../adapters/http/schemas.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { shadeScale } from '../../domain/color/shades.ts';
import { aMember, type Member } from '../support/actors.ts';
import { styleDictionaryCssVariables } from '../support/consumers.ts';
import request, { binary } from '../support/http.ts';
import { aBandedImage, anImage, aPixelBomb } from '../support/images.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

const palette = [
  { name: 'Paper', hex: '#ffffff', role: 'background' },
  { name: 'Ink', hex: '#777777', role: 'text' },
  { name: 'Deep', hex: '#0b3d91', role: 'primary' },
  { name: 'Coral', hex: '#ff6f61', role: 'accent' },
];
/** Red and green of equal lightness: far apart in normal vision, alike with protanopia and deuteranopia. */
const redGreen = [
  { name: 'Red', hex: '#d62728' },
  { name: 'Green', hex: '#2ca02c' },
];
const MISSING = '00000000-0000-4000-8000-000000000000';

for (const profile of PROFILES) {
  describe(`HTTP: palette intelligence (${profile.name})`, () => {
    let runtime: Runtime;
    let app: Express;
    let owner: Member;
    let stranger: Member;
    let n = 0;
    const api = (path: string) => `/api/v1${path}`;
    const as = (member: Member | null, req: request.Test) => (member ? req.set('Authorization', `Bearer ${member.token}`) : req);
    /** A theme of this test's owner; its default name (and so its slug) is the test's own, as tests share a runtime. */
    const aTheme = async (body: object = {}) => {
      const res = await as(owner, request(app).post(api('/themes'))).send({ name: `Ocean Breeze ${n}`, colors: palette, status: 'published', ...body });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body as { id: string; slug: string; version: number };
    };
    const bytes = (req: request.Test) => req.buffer(true).parse(binary);

    // One runtime per profile (a database costs a migration); every test has accounts of its own, so its own rate limits.
    before(async () => {
      const env = { ...(await profile.env()), MAX_UPLOAD_BYTES: String(512 * 1024), MAX_IMAGE_PIXELS: String(2_000_000), EXTRACT_RATE_LIMIT: '4' };
      runtime = await testRuntime({ env });
      app = testApp(runtime, env);
    });
    after(() => runtime.close());
    beforeEach(async () => {
      n += 1;
      owner = await aMember(runtime, `owner${n}`);
      stranger = await aMember(runtime, `stranger${n}`);
    });

    describe('the accessibility summary on the theme', () => {
      it('is computed when the palette is written, and again when it changes', async () => {
        const theme = await aTheme();
        // #777777 on white: WCAG's own example of 4.48:1, short of AA for normal text.
        expect((await request(app).get(api(`/themes/${theme.id}`))).body.accessibility).to.deep.equal({ textContrast: 4.47, level: 'fail', cvdSafe: true });
        const changed = await as(owner, request(app).patch(api(`/themes/${theme.id}`))).send({
          colors: [{ name: 'Paper', hex: '#ffffff', role: 'background' }, { name: 'Ink', hex: '#000000', role: 'text' }, ...redGreen],
        });
        expect(changed.body.accessibility).to.deep.equal({ textContrast: 21, level: 'AAA', cvdSafe: false });
        const listed = await request(app).get(api('/themes'));
        expect(listed.body.items[0].accessibility).to.deep.equal({ textContrast: 21, level: 'AAA', cvdSafe: false });
        const roleless = await aTheme({ name: 'No roles', colors: [{ name: 'Only', hex: '#123456' }] });
        expect((await request(app).get(api(`/themes/${roleless.id}`))).body.accessibility).to.deep.equal({ textContrast: null, level: null, cvdSafe: true });
      });
    });

    describe('GET /themes filtered by the palette (accessible, cvdSafe, colors)', () => {
      const paper = { name: 'Paper', hex: '#ffffff', role: 'background' };
      const ink = (hex: string) => ({ name: 'Ink', hex, role: 'text' });
      /** This test's themes only (the runtime is shared), by name. */
      const names = async (query: Record<string, string>) => {
        const res = await request(app).get(api('/themes')).query({ owner: `owner${n}`, ...query });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return (res.body.items as { name: string }[]).map((t) => t.name).sort();
      };
      const addFour = async () => {
        await aTheme({ name: 'Triple', colors: [paper, ink('#000000')] });
        await aTheme({ name: 'Double', colors: [paper, ink('#767676'), { name: 'Deep', hex: '#0b3d91' }] });
        await aTheme({ name: 'Failing', colors: palette });
        await aTheme({ name: 'Confusing', colors: [paper, ink('#000000'), ...redGreen] });
        await aTheme({ name: 'Hidden', status: 'draft', colors: [paper, ink('#000000')] });
      };

      it('each filter, their combinations and the other filters', async () => {
        await addFour();
        expect(await names({ accessible: 'AA' })).to.deep.equal(['Confusing', 'Double', 'Triple']);
        expect(await names({ accessible: 'AAA' })).to.deep.equal(['Confusing', 'Triple']);
        expect(await names({ cvdSafe: 'true' })).to.deep.equal(['Double', 'Failing', 'Triple']);
        expect(await names({ cvdSafe: 'false' })).to.deep.equal(['Confusing']);
        expect(await names({ colors: '4' })).to.deep.equal(['Confusing', 'Failing']);
        expect(await names({ colors: '16' })).to.deep.equal([]);
        expect(await names({ accessible: 'AA', cvdSafe: 'true', colors: '2' })).to.deep.equal(['Triple']);
        expect(await names({ accessible: 'AAA', q: 'conf', color: '#d62728', sort: 'name' })).to.deep.equal(['Confusing']);
      });

      it('pages with a cursor that belongs to its filters: replayed under others it is 400 invalid_cursor', async () => {
        await addFour();
        const query = { owner: `owner${n}`, accessible: 'AA', sort: 'name', limit: '2' };
        const first = await request(app).get(api('/themes')).query(query);
        expect(first.body.items.map((t: { name: string }) => t.name)).to.deep.equal(['Confusing', 'Double']);
        const second = await request(app).get(api('/themes')).query({ ...query, cursor: first.body.nextCursor });
        expect(second.body).to.deep.include({ nextCursor: null });
        expect(second.body.items.map((t: { name: string }) => t.name)).to.deep.equal(['Triple']);
        for (const other of [{ accessible: 'AAA' }, { cvdSafe: 'true' }, { colors: '2' }]) {
          const replayed = await request(app).get(api('/themes')).query({ ...query, ...other, cursor: first.body.nextCursor });
          expect(replayed.status, JSON.stringify(other)).to.equal(400);
          expect(replayed.body.code).to.equal('invalid_cursor');
        }
      });

      it('two filtered pages are never served each other’s cached bodies; spellings of one filter share one', async () => {
        await addFour();
        const body = async (query: Record<string, string>) => (await request(app).get(api('/themes')).query({ owner: `owner${n}`, ...query })).text;
        const pages: Record<string, string> = {};
        // Twice each, so the second reading of every page comes from the cache when it is on.
        for (let round = 0; round < 2; round++)
          for (const query of [{}, { accessible: 'AA' }, { accessible: 'AAA' }, { cvdSafe: 'true' }, { cvdSafe: 'false' }, { colors: '2' }, { colors: '4' }] as Record<string, string>[]) {
            const text = await body(query);
            const key = JSON.stringify(query);
            if (round) expect(text, key).to.equal(pages[key]);
            else pages[key] = text;
          }
        expect(new Set(Object.values(pages)).size).to.equal(7);
        expect(await body({ colors: '04' })).to.equal(pages[JSON.stringify({ colors: '4' })]);
      });

      it('refuses a malformed or out-of-range value with 422 validation_failed naming the parameter', async () => {
        for (const [name, value] of [
          ['accessible', 'A'],
          ['accessible', 'aa'],
          ['accessible', 'fail'],
          ['accessible', ''],
          ['cvdSafe', 'yes'],
          ['cvdSafe', '1'],
          ['cvdSafe', ''],
          ['colors', '0'],
          ['colors', '17'],
          ['colors', '2.5'],
          ['colors', 'three'],
          ['colors', ''],
        ] as const) {
          const res = await request(app).get(api('/themes')).query({ [name]: value });
          expect(res.status, `${name}=${value}`).to.equal(422);
          expect(res.body.code).to.equal('validation_failed');
          expect(res.body.errors.map((e: { path: string }) => e.path)).to.deep.equal([name]);
        }
      });
    });

    describe('GET /themes/{idOrSlug}/accessibility', () => {
      it('grades every pair, calls out role pairs with AA and AAA fixes, and simulates colour-vision deficiencies', async () => {
        const theme = await aTheme({ colors: [...palette, ...redGreen] });
        const res = await request(app).get(api(`/themes/${theme.slug}/accessibility`));
        expect(res.status).to.equal(200);
        expect(res.headers.etag).to.equal(`"${theme.id}.1"`);
        const report = res.body;
        expect(report).to.include({ themeId: theme.id, version: 1 });
        expect(report.pairs).to.have.length(15);
        expect(report.pairs[0]).to.deep.equal({ a: 0, b: 1, ratio: 4.47, normalText: 'fail', largeText: 'AA', uiComponents: 'AA' });
        const text = report.rolePairs.find((p: { foreground: string }) => p.foreground === 'text');
        expect(text).to.deep.include({ background: 'background', use: 'text', foregroundHex: '#777777', passes: false });
        expect(text.fix.role).to.equal('text');
        expect(text.fix.from).to.equal('#777777');
        const primary = report.rolePairs.find((p: { foreground: string }) => p.foreground === 'primary');
        expect(primary).to.include({ passes: true, normalText: 'AAA' });
        expect(primary.fix).to.equal(null);
        expect(report.colorVision.simulated.protanopia).to.have.length(6);
        expect(report.colorVision.warnings.filter((w: { a: number; b: number }) => w.a === 4 && w.b === 5).map((w: { type: string }) => w.type)).to.include('deuteranopia');
        expect(report.summary).to.deep.equal({ textContrast: 4.47, level: 'fail', cvdSafe: false });

        // The suggested fixes really pass, judged by the same route on a theme using them.
        const fixed = await aTheme({ name: 'Fixed', colors: [palette[0], { ...palette[1], hex: text.fix.aa }] });
        const aa = (await request(app).get(api(`/themes/${fixed.id}/accessibility`))).body.rolePairs[0];
        expect(aa.normalText).to.equal('AA');
        const fixedAaa = await aTheme({ name: 'Fixed AAA', colors: [palette[0], { ...palette[1], hex: text.fix.aaa }] });
        expect((await request(app).get(api(`/themes/${fixedAaa.id}/accessibility`))).body.rolePairs[0].normalText).to.equal('AAA');
      });

      it('answers 304 to a current If-None-Match, and a new ETag once the theme changes', async () => {
        const theme = await aTheme();
        const url = api(`/themes/${theme.id}/accessibility`);
        const first = await request(app).get(url);
        const again = await request(app).get(url).set('If-None-Match', first.headers.etag!);
        expect(again.status).to.equal(304);
        expect(again.text).to.equal('');
        await as(owner, request(app).patch(api(`/themes/${theme.id}`))).send({ description: 'changed' });
        const changed = await request(app).get(url).set('If-None-Match', first.headers.etag!);
        expect(changed.status).to.equal(200);
        expect(changed.headers.etag).to.equal(`"${theme.id}.2"`);
      });

      it('hides drafts from everyone but their owner (404), and answers 404 for an unknown theme', async () => {
        const draft = await aTheme({ status: 'draft' });
        for (const path of ['accessibility', 'export?format=json', 'preview.svg', 'preview.png', 'similar']) {
          expect((await request(app).get(api(`/themes/${draft.id}/${path}`))).status, `${path} anonymous`).to.equal(404);
          expect((await as(stranger, request(app).get(api(`/themes/${draft.id}/${path}`)))).status, `${path} stranger`).to.equal(404);
          expect((await as(owner, request(app).get(api(`/themes/${draft.id}/${path}`)))).status, `${path} owner`).to.equal(200);
          const unknown = await request(app).get(api(`/themes/${MISSING}/${path}`));
          expect([unknown.status, unknown.body.code], `${path} unknown`).to.deep.equal([404, 'not_found']);
          expect((await request(app).get(api(`/themes/no-such-slug/${path}`))).status).to.equal(404);
        }
        const drafts = await as(owner, request(app).get(api(`/themes/${draft.id}/preview.png`)));
        expect(drafts.headers['cache-control']).to.equal('private, no-cache');
      });
    });

    describe('GET /themes/{idOrSlug}/export', () => {
      it('names each download <slug>.<ext> with its media type, in every format', async () => {
        const theme = await aTheme({ name: 'Ocean Breeze' });
        expect(theme.slug).to.equal('ocean-breeze');
        const expected: Record<string, [string, string]> = {
          css: ['text/css; charset=utf-8', 'ocean-breeze.css'],
          json: ['application/design-tokens+json; charset=utf-8', 'ocean-breeze.tokens.json'],
          tailwind: ['text/css; charset=utf-8', 'ocean-breeze.tailwind.css'],
          scss: ['text/x-scss; charset=utf-8', 'ocean-breeze.scss'],
          gpl: ['application/x-gimp-palette; charset=utf-8', 'ocean-breeze.gpl'],
          ase: ['application/octet-stream', 'ocean-breeze.ase'],
          pal: ['text/plain; charset=us-ascii', 'ocean-breeze.pal'],
          hex: ['text/plain; charset=us-ascii', 'ocean-breeze.hex'],
          svg: ['image/svg+xml; charset=utf-8', 'ocean-breeze.svg'],
          png: ['image/png', 'ocean-breeze.png'],
        };
        for (const [format, [type, name]] of Object.entries(expected)) {
          const res = await bytes(request(app).get(api(`/themes/ocean-breeze/export`)).query({ format }));
          expect(res.status, format).to.equal(200);
          expect(res.headers['content-type'], format).to.equal(type);
          expect(res.headers['content-disposition'], format).to.equal(`attachment; filename="${name}"`);
          expect(res.headers.etag).to.equal(`"${theme.id}.1"`);
          expect(res.headers['cache-control']).to.equal('public, no-cache');
          expect((res.body as Buffer).length, format).to.be.greaterThan(20);
        }
        expect((await bytes(request(app).get(api('/themes/ocean-breeze/export')))).headers['content-disposition']).to.equal('attachment; filename="ocean-breeze.css"');
        expect((await request(app).get(api('/themes/ocean-breeze/export?format=hex'))).text).to.equal('ffffff\n777777\n0b3d91\nff6f61\n');
      });

      it('json: design tokens that Style Dictionary builds into CSS variables', async () => {
        const { slug } = await aTheme();
        const res = await bytes(request(app).get(api(`/themes/${slug}/export?format=json`)));
        const tokens = JSON.parse((res.body as Buffer).toString('utf8'));
        expect(await styleDictionaryCssVariables(tokens)).to.deep.equal([['color-paper', '#ffffff'], ['color-ink', '#777777'], ['color-deep', '#0b3d91'], ['color-coral', '#ff6f61']]);
      });

      it('tailwind: an @theme block tailwindcss compiles, with the 50–950 scale when shades=true', async () => {
        const { slug } = await aTheme();
        const plain = await request(app).get(api(`/themes/${slug}/export?format=tailwind`));
        const shaded = await request(app).get(api(`/themes/${slug}/export?format=tailwind&shades=true`));
        expect(plain.text).not.to.include('-50:');
        const compiler = await compile(`${shaded.text}\n@tailwind utilities;`);
        const out = compiler.build(['bg-primary', 'text-deep-950', 'border-coral-50']);
        expect(out).to.include('.bg-primary {\n  background-color: var(--color-primary);');
        expect(out).to.include(`--color-deep-950: ${shadeScale('#0b3d91').at(-1)!.hex};`);
        expect(out).to.include('.border-coral-50');
      });

      it('ase: Adobe Swatch Exchange that ase-util decodes with names and colours', async () => {
        const { slug } = await aTheme();
        const res = await bytes(request(app).get(api(`/themes/${slug}/export?format=ase`)));
        const [group] = readAse(res.body as Buffer);
        if (group?.type !== 'group') throw new Error('expected one group');
        expect(group.name).to.equal(`Ocean Breeze ${n}`);
        expect(group.entries.map((e) => [e.name, `#${e.color.hex.toLowerCase()}`])).to.deep.equal(palette.map((c) => [c.name, c.hex]));
      });

      it('png: the swatch card, 960 pixels wide', async () => {
        const { slug } = await aTheme();
        const res = await bytes(request(app).get(api(`/themes/${slug}/export?format=png`)));
        expect(await sharp(res.body as Buffer).metadata()).to.include({ format: 'png', width: 960 });
      });

      it('refuses an unknown format, shades without tailwind and an unknown parameter with 422, naming the field', async () => {
        const { slug } = await aTheme();
        for (const [query, path] of [
          ['format=pdf', 'format'],
          ['format=css&shades=true', 'shades'],
          ['format=tailwind&shades=maybe', 'shades'],
          ['format=css&colour=red', 'colour'],
        ]) {
          const res = await request(app).get(api(`/themes/${slug}/export?${query}`));
          expect(res.status, query).to.equal(422);
          expect(res.body.code).to.equal('validation_failed');
          expect(res.body.errors.map((e: { path: string }) => e.path), query).to.deep.equal([path]);
        }
      });
    });

    describe('the preview card', () => {
      it('serves SVG and PNG inline with the theme version as ETag, 304 while it is current, and a thumbnail size', async () => {
        const theme = await aTheme();
        const svg = await bytes(request(app).get(api(`/themes/${theme.slug}/preview.svg`)));
        expect(svg.status).to.equal(200);
        expect(svg.headers['content-type']).to.equal('image/svg+xml; charset=utf-8');
        expect(svg.headers['content-disposition']).to.equal(`inline; filename="${theme.slug}.svg"`);
        expect((svg.body as Buffer).toString('utf8')).to.include(`<title id="title">Ocean Breeze ${n}</title>`);

        const png = await bytes(request(app).get(api(`/themes/${theme.slug}/preview.png`)));
        expect(png.headers).to.include({ 'content-type': 'image/png', etag: `"${theme.id}.1"`, 'cache-control': 'public, no-cache' });
        const full = await sharp(png.body as Buffer).metadata();
        expect(full).to.include({ format: 'png', width: 960 });
        const thumbnail = await sharp((await bytes(request(app).get(api(`/themes/${theme.id}/preview.png?size=thumbnail`)))).body as Buffer).metadata();
        expect(thumbnail.width).to.equal(480);
        expect(thumbnail.height).to.be.closeTo(full.height! / 2, 1);

        const notModified = await request(app).get(api(`/themes/${theme.id}/preview.png`)).set('If-None-Match', `W/"${theme.id}.1"`);
        expect(notModified.status).to.equal(304);
        expect((await request(app).get(api(`/themes/${theme.id}/preview.png`)).set('If-None-Match', `"${theme.id}.2"`)).status).to.equal(200);
        expect((await request(app).get(api(`/themes/${theme.id}/preview.png?size=huge`))).status).to.equal(422);
      });

      it('is the cover of a theme without one, until a cover is uploaded', async () => {
        const theme = await aTheme();
        const cover = (await request(app).get(api(`/themes/${theme.id}`))).body.cover;
        const preview = `http://themes.test/api/v1/themes/${theme.id}/preview.png`;
        expect(cover).to.deep.include({ id: theme.id, url: preview, thumbnailUrl: `${preview}?size=thumbnail`, width: 960 });
        const drawn = await sharp((await bytes(request(app).get(cover.url.replace('http://themes.test', '')))).body as Buffer).metadata();
        expect(drawn.height).to.equal(cover.height);

        const uploaded = await as(owner, request(app).post(api(`/themes/${theme.id}/images`)))
          .field('kind', 'cover')
          .attach('file', await aBandedImage([['#f4f1ea', 0.6], ['#1f5fbf', 0.3], ['#1a1a1a', 0.1]]), 'cover.png');
        expect(uploaded.status).to.equal(201);
        const after = (await request(app).get(api(`/themes/${theme.id}`))).body.cover;
        expect(after).to.include({ id: uploaded.body.id, url: `http://themes.test/api/v1/images/${uploaded.body.id}/content`, width: 400, height: 300 });
      });
    });

    describe('palettes from images', () => {
      const extract = (member: Member | null, file: Buffer, fields: Record<string, string> = {}, name = 'photo.png') => {
        let req = as(member, request(app).post(api('/palettes/extract')));
        for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
        return req.attach('file', file, name);
      };
      const bands: [string, number][] = [['#f4f1ea', 0.5], ['#1f5fbf', 0.25], ['#1a1a1a', 0.15], ['#e4572e', 0.1]];
      // The PNG is under 256 px, so it is sampled as it is: four exact colours. The JPEG is downsampled and blurred.
      const poster = (format: 'png' | 'jpeg' = 'png'): Promise<Buffer> => (format === 'png' ? aBandedImage(bands, format, 240, 160) : aBandedImage(bands, format, 400, 300));

      it('answers the main colours with their shares and suggested roles, up to `count`', async () => {
        const res = await extract(owner, await poster());
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        const { swatches } = res.body as { swatches: { hex: string; share: number; role: string | null }[] };
        expect(swatches).to.have.length(4);
        expect(swatches.map((s) => s.role)).to.deep.equal(['background', 'primary', 'text', 'accent']);
        expect(swatches.map((s) => Math.round(s.share * 20) / 20)).to.deep.equal([0.5, 0.25, 0.15, 0.1]);
        // Resampling and JPEG blur band edges into small clusters of in-between colours; the four areas still lead.
        const jpeg = (await extract(owner, await poster('jpeg'))).body.swatches as typeof swatches;
        expect(jpeg.slice(0, 4).map((s) => s.role)).to.deep.equal(['background', 'primary', 'text', 'accent']);
        expect(jpeg.slice(4).every((s) => s.share < 0.05)).to.equal(true);
        const noisy = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
        expect((await extract(owner, noisy, { count: '5' })).body.swatches).to.have.length(5);
      });

      it('refuses anonymous callers, a bad count, a non-image, a large file and a pixel bomb, keeping nothing', async () => {
        expect((await extract(null, await poster())).status).to.equal(401);
        const badCount = await extract(owner, await poster(), { count: '9' });
        expect([badCount.status, badCount.body.errors[0].path]).to.deep.equal([422, 'count']);
        const text = await extract(owner, Buffer.from('plain text, not an image at all'), {}, 'photo.jpg');
        expect([text.status, text.body.code]).to.deep.equal([415, 'unsupported_media_type']);
        const large = await extract(stranger, Buffer.concat([await anImage('png', 64, 64), Buffer.alloc(600 * 1024)]));
        expect([large.status, large.body.code]).to.deep.equal([413, 'payload_too_large']);
        const bomb = await extract(stranger, await aPixelBomb());
        expect([bomb.status, bomb.body.errors?.[0]?.path]).to.deep.equal([422, 'file']);
        expect(bomb.body.errors[0].message).to.include('100.0 megapixels; at most 2 are accepted');
      });

      it('limits each user to EXTRACT_RATE_LIMIT a minute, answering 429 with Retry-After before reading the file', async () => {
        const image = await anImage('png', 32, 32);
        for (let i = 0; i < 4; i++) expect((await extract(owner, image)).status).to.equal(200);
        const refused = await extract(owner, image);
        expect(refused.status).to.equal(429);
        expect(refused.body.code).to.equal('too_many_attempts');
        expect(Number(refused.headers['retry-after'])).to.be.within(1, 60);
        // Another user has a limit of their own.
        expect((await extract(stranger, image)).status).to.equal(200);
      });

      it('suggests a palette in the answer to a cover upload, and none for a preview image', async () => {
        const theme = await aTheme();
        const cover = await as(owner, request(app).post(api(`/themes/${theme.id}/images`)))
          .field('kind', 'cover')
          .attach('file', await poster(), 'cover.jpg');
        expect(cover.status).to.equal(201);
        expect(cover.body.suggestedColors.map((s: { role: string }) => s.role)).to.deep.equal(['background', 'primary', 'text', 'accent']);
        const preview = await as(owner, request(app).post(api(`/themes/${theme.id}/images`))).attach('file', await poster(), 'preview.jpg');
        expect(preview.status).to.equal(201);
        expect(preview.body).not.to.have.property('suggestedColors');
        const transparent = await sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
        const clear = await as(owner, request(app).post(api(`/themes/${theme.id}/images`)))
          .field('kind', 'cover')
          .attach('file', transparent, 'clear.png');
        expect([clear.status, clear.body.suggestedColors]).to.deep.equal([201, []]);
      });
    });

    it('answers exactly what the OpenAPI document declares: no field missing, none undeclared', async () => {
      const theme = await aTheme({ colors: [...palette, ...redGreen] });
      await aTheme({ name: 'Other' });
      const exact = (schema: z.ZodType, body: unknown, what: string) => expect(schema.parse(body), what).to.deep.equal(body);
      exact(ThemeSchema, (await request(app).get(api(`/themes/${theme.id}`))).body, 'Theme');
      exact(AccessibilityReportSchema, (await request(app).get(api(`/themes/${theme.id}/accessibility`))).body, 'AccessibilityReport');
      exact(SimilarThemesSchema, (await request(app).get(api(`/themes/${theme.id}/similar`))).body, 'SimilarThemes');
      exact(ThemeTokensSchema, JSON.parse((await request(app).get(api(`/themes/${theme.id}/export?format=json`))).text), 'ThemeTokens');
      const image = await aBandedImage([['#f4f1ea', 0.6], ['#1f5fbf', 0.4]]);
      exact(PaletteExtractionSchema, (await as(owner, request(app).post(api('/palettes/extract'))).attach('file', image, 'a.png')).body, 'PaletteExtraction');
      const cover = await as(owner, request(app).post(api(`/themes/${theme.id}/images`))).field('kind', 'cover').attach('file', image, 'a.png');
      exact(UploadedImageSchema, cover.body, 'UploadedImage');
    });

    describe('GET /themes/{idOrSlug}/similar', () => {
      it('lists the nearest published themes, nearest first, never the theme itself or a draft', async () => {
        const subject = await aTheme({ name: 'Subject', colors: [{ name: 'a', hex: '#336699' }, { name: 'b', hex: '#f0f0f0' }] });
        const near = await aTheme({ name: 'Near', colors: [{ name: 'a', hex: '#336698' }, { name: 'b', hex: '#f0f0f0' }] });
        const nearer = await aTheme({ name: 'Twin', colors: [{ name: 'b', hex: '#f0f0f0' }, { name: 'a', hex: '#336699' }] });
        const far = await aTheme({ name: 'Far', colors: [{ name: 'a', hex: '#ff0000' }] });
        const draft = await aTheme({ name: 'Draft twin', status: 'draft', colors: [{ name: 'a', hex: '#336699' }, { name: 'b', hex: '#f0f0f0' }] });

        // Other tests' themes share this runtime: the twins lead, the far theme is listed, the draft and the subject never.
        const res = await request(app).get(api(`/themes/${subject.slug}/similar?limit=50`));
        expect(res.status).to.equal(200);
        const ids = res.body.items.map((i: { theme: { id: string } }) => i.theme.id);
        expect(ids.slice(0, 2)).to.deep.equal([nearer.id, near.id]);
        expect(ids).to.include(far.id).and.not.include(subject.id).and.not.include(draft.id);
        expect(res.body.items[0].distance).to.equal(0);
        expect(res.body.items[1].distance).to.be.above(0).and.below(0.01);
        expect(res.body.items[0].theme).to.include({ name: 'Twin', status: 'published' });
        const distances = res.body.items.map((i: { distance: number }) => i.distance);
        expect(distances).to.deep.equal([...distances].sort((x: number, y: number) => x - y));
        const one = await request(app).get(api(`/themes/${subject.id}/similar?limit=1`));
        expect(one.body.items).to.have.length(1);
        for (const limit of ['0', '51', 'ten']) expect((await request(app).get(api(`/themes/${subject.id}/similar?limit=${limit}`))).status, limit).to.equal(422);
      });
    });
  });
}
