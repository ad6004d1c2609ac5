/**
 * npm run bench: measurements, not tests. Each prints its figures and its target.
 *   npm run bench                 all of them
 *   npm run bench -- <name> …     one of them, with its own options (see its file)
 * Each is imported only when it runs: some load the test support, which points TMPDIR at a folder
 * removed on exit, and what a bench leaves to read (CPU profiles) must not land there.
 */
type Bench = () => Promise<void>;

const benches: Record<string, () => Promise<Bench>> = {
  reads: async () => (await import('./reads.ts')).reads,
  metrics: async () => (await import('./metrics.ts')).metricsOverhead,
  realtime: async () => (await import('./realtime.ts')).realtime,
  'upload-rss': async () => (await import('./upload-rss.ts')).uploadRss,
  'direct-upload': async () => (await import('./direct-upload.ts')).directUpload,
  'login-timing': async () => (await import('./login-timing.ts')).loginTiming,
  extraction: async () => (await import('./palette.ts')).extraction,
  'similar-themes': async () => (await import('./palette.ts')).similarThemes,
  'preview-png': async () => (await import('./palette.ts')).previewPng,
  'web-pages': async () => (await import('./web.ts')).webPages,
};
const only = process.argv[2];
if (only && !(only in benches)) {
  console.error(`usage: npm run bench [-- <name> [options]]; names: ${Object.keys(benches).join(', ')}`);
  process.exit(only === '--help' ? 0 : 2);
}

for (const [name, load] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n== ${name}`);
  await (await load())();
}
