import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '../..');

export type ServerProcess = { url: string; child: ChildProcess; logs: string[]; stop(signal?: NodeJS.Signals): Promise<number | null> };

/** The node arguments of `npm start`, read from package.json so the flags live in one place. */
function startArguments(): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts;
  const [command, ...args] = scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs ${command}, not node`);
  return args;
}

/** Starts the server as `npm start` does (the same node process, no npm between; as another OS user with `as`), and resolves once it listens. */
export async function startServer(env: Record<string, string>, as: { uid?: number; gid?: number } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, startArguments(), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', BCRYPT_COST: '4', ...env },
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
  return {
    url,
    child,
    logs,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}
