import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { ListThemeImages } from '../../../application/media/list-theme-images.ts';
import { ReadImage } from '../../../application/media/read-image.ts';
import { ExportTheme } from '../../../application/themes/export-theme.ts';
import { FavoriteTheme } from '../../../application/themes/favorite-theme.ts';
import { GetTheme } from '../../../application/themes/get-theme.ts';
import { GetThemeAccessibility } from '../../../application/themes/get-theme-accessibility.ts';
import { THEME_FILE_FORMATS } from '../../../application/themes/theme-files.ts';
import { UnfavoriteTheme } from '../../../application/themes/unfavorite-theme.ts';
import { NotFound } from '../../../domain/errors.ts';
import { paletteStyles } from '../palette-styles.ts';
import { ThemePage } from '../views/theme-page.tsx';
import { seeOther, type Web } from '../web.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function themeRoutes(web: Web): void {
  const { use } = web;

  web.get('/t/:slug', async (req, res, state) => {
    const slug = String(req.params.slug);
    const view = await use(GetTheme).execute(state.actor, slug);
    const [{ report }, images] = await Promise.all([use(GetThemeAccessibility).execute(state.actor, view.theme.id), use(ListThemeImages).execute(state.actor, view.theme.id)]);
    const fixes = report.rolePairs.flatMap((p) => (p.fix ? [p.fix.aa, p.fix.aaa].filter((hex) => hex !== null) : []));
    const hexes = [...view.theme.colors.map((c) => c.hex), ...Object.values(report.colorVision.simulated).flat(), ...fixes];
    web.send(
      req,
      res,
      200,
      <ThemePage state={state} assets={web.assets} paletteCss={paletteStyles(hexes)} view={view} report={report} images={images} formats={THEME_FILE_FORMATS} />,
    );
  });

  web.get('/t/:slug/export/:format', async (req, res, state) => {
    const format = String(req.params.format);
    if (!(THEME_FILE_FORMATS as readonly string[]).includes(format)) throw new NotFound('export format');
    const { file, published } = await use(ExportTheme).execute(state.actor, String(req.params.slug), { format });
    res
      .set({ 'Content-Type': file.mediaType, 'Cache-Control': published ? 'public, max-age=300' : 'private, no-store', 'X-Content-Type-Options': 'nosniff' })
      .attachment(file.fileName)
      .send(typeof file.body === 'string' ? file.body : Buffer.from(file.body));
  });

  // Images through the page's session, so owners see their drafts' images too.
  web.get('/media/:id/:variant', async (req, res, state) => {
    const variant = String(req.params.variant);
    if (variant !== 'original' && variant !== 'thumbnail') throw new NotFound('image');
    const content = await use(ReadImage).execute(state.actor, String(req.params.id), variant);
    const cacheControl = content.public ? IMMUTABLE : 'private, no-store';
    if (content.offload) {
      const { url } = await content.offload(cacheControl);
      res.set('Cache-Control', 'private, no-store').redirect(302, url);
      return;
    }
    res.set({ 'Content-Type': content.rendition.contentType, 'Content-Length': String(content.rendition.size), 'Cache-Control': cacheControl, ETag: `"${content.rendition.sha256}"` });
    await pipeline(Readable.from(await content.open()), res);
  });

  web.post('/t/:slug/favorite', async (req, res, state) => {
    await use(FavoriteTheme).execute(state.actor, String(req.params.slug));
    seeOther(res, `/t/${encodeURIComponent(String(req.params.slug))}`);
  });

  web.post('/t/:slug/unfavorite', async (req, res, state) => {
    await use(UnfavoriteTheme).execute(state.actor, String(req.params.slug));
    seeOther(res, `/t/${encodeURIComponent(String(req.params.slug))}`);
  });
}
