import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import type { Runtime } from '../../bootstrap/container.ts';
import { testApp } from './runtime.ts';

/** Debian's Chromium, which playwright-core drives (it downloads no browser of its own). */
export const CHROMIUM = '/usr/bin/chromium';

/** Skips the suite, saying why, on a machine without Chromium. */
export function requireChromium(context: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  console.log(`    skipped: no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`);
  context.skip();
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The app of a runtime on a real port of the loopback, as a browser reaches it. */
export async function serveOnLoopback(runtime: Runtime): Promise<{ server: Server; base: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('request', testApp(runtime, { PUBLIC_URL: base }));
  return { server, base };
}
