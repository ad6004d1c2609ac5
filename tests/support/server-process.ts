import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '../..');

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  logs: string[];
  /** Resolves once the server has logged a line containing `text`. */
  logged(text: string): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/**
 * The node arguments of an npm script (`start`, `seed`, …), read from package.json so the flags live in
 * one place, but running the TypeScript source through tsx instead of the compiled dist/ (which a test
 * run does not build): `node <flags> dist/bootstrap/x.js` becomes `node <flags> --import tsx bootstrap/x.ts`.
 */
export function scriptArguments(script: string): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = (scripts[script] ?? '').split(/\s+/);
  if (command !== 'node') throw new Error(`npm run ${script} runs ${command}, not node`);
  const entry = /^dist\/(.+)\.js$/.exec(args.at(-1) ?? '');
  if (!entry) throw new Error(`npm run ${script} does not run a compiled entry point: ${args.join(' ')}`);
  return [...args.slice(0, -1), '--import', 'tsx', `${entry[1]}.ts`];
}

/** The environment of a child process: its temporary files go to the test run's private directory too. */
export function childEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: os.tmpdir(), BCRYPT_COST: '4' };
}

/** Starts the server as `npm start` does (the same node process, no npm between; as another OS user with `as`), and resolves once it listens. */
export async function startServer(env: Record<string, string>, as: { uid?: number; gid?: number } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, scriptArguments('start'), {
    cwd: ROOT,
    env: { ...childEnv(), PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...as,
  });
  const logs: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join('\n')}`)), 60_000);
    lines.on('line', (line) => {
      logs.push(line);
      if (line.includes('Themes API listening')) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${logs.join('\n')}`));
    });
  });
  // bootstrap/server.ts logs that it listens before it installs its stop-signal handlers, and a signal
  // sent in between is lost (the server then never stops). An answered request comes from a later turn
  // of its event loop: once one is answered, the handlers are in place.
  await fetch(`${url}/health/live`);
  return {
    url,
    child,
    logs,
    logged: (text) =>
      logs.some((line) => line.includes(text))
        ? Promise.resolve()
        : new Promise((resolve) => {
            const listener = (line: string) => {
              if (!line.includes(text)) return;
              lines.off('line', listener);
              resolve();
            };
            lines.on('line', listener);
          }),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}

export type ScriptRun = { code: number | null; stdout: string; stderr: string; out: string };

/** Runs an npm script's entry point (`seed`, `migrate`, …) as a process, as `npm run <script> -- <args>` would. */
export function runScript(script: string, args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...scriptArguments(script), ...args], {
      cwd: ROOT,
      env: { ...childEnv(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let out = '';
    child.stdout.on('data', (c: Buffer) => ((stdout += c.toString()), (out += c.toString())));
    child.stderr.on('data', (c: Buffer) => ((stderr += c.toString()), (out += c.toString())));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr, out }));
    child.stdin.end(options.input ?? '');
  });
}
