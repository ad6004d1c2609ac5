/** npm run bench: measurements, not tests. Each prints its figures and its target. */
import { directUpload } from './direct-upload.ts';
import { loginTiming } from './login-timing.ts';
import { extraction, previewPng, similarThemes } from './palette.ts';
import { reads } from './reads.ts';
import { realtime } from './realtime.ts';
import { uploadRss } from './upload-rss.ts';
import { webPages } from './web.ts';

const benches: Record<string, () => Promise<void>> = {
  reads,
  realtime,
  'upload-rss': uploadRss,
  'direct-upload': directUpload,
  'login-timing': loginTiming,
  extraction,
  'similar-themes': similarThemes,
  'preview-png': previewPng,
  'web-pages': webPages,
};
const only = process.argv[2];

for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n== ${name}`);
  await run();
}
