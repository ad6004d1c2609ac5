/** npm run bench: measurements, not tests. Each prints its figures and its target. */
import { directUpload } from './direct-upload.ts';
import { loginTiming } from './login-timing.ts';
import { uploadRss } from './upload-rss.ts';

const benches: Record<string, () => Promise<void>> = { 'upload-rss': uploadRss, 'direct-upload': directUpload, 'login-timing': loginTiming };
const only = process.argv[2];

for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n== ${name}`);
  await run();
}
