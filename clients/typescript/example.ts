import { readFile } from 'node:fs/promises';
import { createThemesClient, multipart, type Tokens } from './src/index.ts';

export async function example(saved?: Tokens) {
  const themes = createThemesClient({
    baseUrl: 'http://localhost:3000',
    ...(saved ? { tokens: saved } : {}),
    // Keep the tokens to carry the session over (they change at every refresh).
    onTokens: (tokens) => console.warn(tokens ? 'signed in' : 'signed out'),
  });
  if (!saved) await themes.login('ada', 'correct horse battery');

  // Every route is typed: paths, parameters, bodies, answers and problems.
  const { data: theme, error } = await themes.api.POST('/api/v1/themes', {
    body: { name: 'Ocean Breeze', colors: [{ name: 'Deep', hex: '#0B3D91', role: 'primary' }], tags: ['blue'], status: 'published' },
  });
  if (error) throw new Error(`${error.code}: ${error.detail}`);

  await themes.api.POST('/api/v1/themes/{idOrSlug}/images', {
    params: { path: { idOrSlug: theme.id } },
    body: { file: new Blob([await readFile('ocean.png')]), kind: 'cover' },
    bodySerializer: multipart,
  });

  const { data: page } = await themes.api.GET('/api/v1/themes', { params: { query: { color: '#0b3d91' } } });
  const { data: css } = await themes.api.GET('/api/v1/themes/{idOrSlug}/export', { params: { path: { idOrSlug: theme.slug }, query: { format: 'css' } }, parseAs: 'text' });
  return { similar: page?.items, css };
}
