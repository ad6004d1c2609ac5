import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadCheck } from '../../application/media/upload.ts';
import type { StagedUpload, UploadStaging } from '../../application/ports/upload-staging.ts';

const PREFIX = 'themes-api-staging-';
/** `<prefix><host>-<pid>-<mkdtemp's six characters>`: whose directory it is, for the sweep at start. */
const NAME = new RegExp(`^${PREFIX}(.+)-(\\d+)-[A-Za-z0-9]{6}$`);
/** The directories open in this process (tests open several runtimes at once). */
const OPEN = new Set<string>();

/**
 * Where uploads wait while the use-cases read them: files in a directory private to this process
 * (0700, made by mkdtemp), so no other user or process can block or read them. `close` removes it;
 * what a process killed before it could (SIGKILL, a crash) left is removed by the next one to open.
 */
export class StagingDirectory implements UploadStaging {
  private constructor(readonly dir: string) {}

  /** A new private directory under `parent`, after removing the leftovers of dead processes there. */
  static async open(parent: string): Promise<StagingDirectory> {
    await mkdir(parent, { recursive: true, mode: 0o700 });
    await sweepLeftovers(parent);
    const dir = await mkdtemp(path.join(parent, `${PREFIX}${os.hostname()}-${process.pid}-`));
    OPEN.add(dir);
    return new StagingDirectory(dir);
  }

  /**
   * Streams `source` into a new file, computing size and sha256 on the way, while an UploadCheck
   * sees every chunk: a refusal (too large, not an image) stops reading at once and keeps nothing,
   * and so does `signal` (the client went away). The file is opened before streaming: a write stream
   * opens lazily, and could create the file after a refusal removed it.
   */
  async stage(bytes: AsyncIterable<Uint8Array>, maxBytes: number, signal?: AbortSignal): Promise<StagedUpload> {
    const source = bytes instanceof Readable ? bytes : Readable.from(bytes);
    // An error before the pipeline below listens must not go unhandled; the pipeline still reports it.
    source.on('error', () => undefined);
    const file = path.join(this.dir, randomUUID());
    const check = new UploadCheck(maxBytes);
    const hash = createHash('sha256');
    let size = 0;
    const handle = await open(file, 'wx', 0o600);
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            check.accept(chunk);
            size += chunk.length;
            hash.update(chunk);
            yield chunk;
          }
        },
        handle.createWriteStream(),
        { signal },
      );
      return { contentType: check.contentType(), size, sha256: hash.digest('hex'), open: () => createReadStream(file), dispose: () => rm(file, { force: true }) };
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(file, { force: true });
      throw error;
    }
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    OPEN.delete(this.dir);
  }
}

/**
 * Removes staging directories of this host whose process is gone, or that carry this process's pid
 * without being open here (a container restarted: the same pid, a new process).
 */
async function sweepLeftovers(parent: string): Promise<void> {
  for (const name of await readdir(parent)) {
    const [, host, pid] = NAME.exec(name) ?? [];
    const entry = path.join(parent, name);
    if (host !== os.hostname() || OPEN.has(entry) || (Number(pid) !== process.pid && isAlive(Number(pid)))) continue;
    const stats = await lstat(entry).catch(() => null);
    // In a shared folder (the system's temp directory) only our own directories are ours to remove.
    if (stats?.isDirectory() && stats.uid === process.getuid?.()) await rm(entry, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
