/** Servers the benches start: the API compiled, as `npm start` runs it, in a child process of its own. */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../bootstrap/embedded-postgres.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export type Server = { url: string; child: ChildProcess; stop(): Promise<void> };
async function waitUntilUp(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not start`);
}

export async function start(what: string, args: string[], env: Record<string, string>, probe: string): Promise<Server> {
  const port = await freePort();
  const log = openSync(path.join(env.DATA_DIR ?? os.tmpdir(), `${what.replace(/\W+/g, '-')}.log`), 'a');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), ...env },
    // The API logs a JSON line per request (LOG_LEVEL=info, as deployed): to a file, not through this process.
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url + probe, child, what);
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** `npm start`'s node flags, running the compiled entry point. */
export function startArguments(extra: string[]): string[] {
  const script = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
  const [, ...args] = script.split(/\s+/);
  return [...extra, ...args];
}

export async function build(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build failed: ${code}`))));
  });
}

