import { randomUUID } from 'node:crypto';
import { createWriteStream, type Stats } from 'node:fs';
import { access, constants, mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ByteRange, ObjectInfo, ObjectStore, StoredObject } from '../../application/ports/object-store.ts';
import { assertValidKey } from './object-keys.ts';

const META_SUFFIX = '.meta.json';

/**
 * Objects as files under one root. A put writes a temporary file and renames it into place, so a
 * crash never leaves a half-written file under a real key; keys cannot name a path outside the root.
 */
export class FilesystemObjectStore implements ObjectStore {
  private readonly root: string;
  private readonly tmp: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.tmp = path.join(this.root, '.tmp');
  }

  async put(key: string, body: AsyncIterable<Uint8Array>, meta: { contentType: string }): Promise<number> {
    const target = this.pathOf(key);
    await mkdir(this.tmp, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    const partial = path.join(this.tmp, randomUUID());
    let size = 0;
    try {
      await pipeline(
        Readable.from(body),
        async function* (source: AsyncIterable<Uint8Array>) {
          for await (const chunk of source) {
            size += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(partial, { mode: 0o600 }),
      );
      await writeFile(target + META_SUFFIX, JSON.stringify({ contentType: meta.contentType }), { mode: 0o600 });
      await rename(partial, target);
      return size;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    const opened = await this.openObject(key);
    if (!opened) return null;
    const { handle, stats, contentType } = opened;
    const body = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    return { body, size: range ? range.end - range.start + 1 : stats.size, contentType, version: versionOf(stats) };
  }

  async copy(from: string, to: string, meta: { contentType: string; version: string }): Promise<boolean> {
    const opened = await this.openObject(from);
    if (!opened) return false;
    // The open file is the version compared: a put renaming another file over `from` meanwhile does not change it.
    if (versionOf(opened.stats) !== meta.version) {
      await opened.handle.close();
      return false;
    }
    await this.put(to, opened.handle.createReadStream(), meta);
    return true;
  }

  /** The object's file, opened, with what that very file is: a later put replaces the file, not its bytes. */
  private async openObject(key: string): Promise<{ handle: FileHandle; stats: Stats; contentType: string } | null> {
    const file = this.pathOf(key);
    const info = await this.head(key);
    if (!info) return null;
    const handle = await open(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    return handle && { handle, stats: await handle.stat(), contentType: info.contentType };
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const file = this.pathOf(key);
    try {
      const [stats, meta] = await Promise.all([stat(file), readFile(file + META_SUFFIX, 'utf8')]);
      return { size: stats.size, contentType: (JSON.parse(meta) as { contentType: string }).contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await rm(file, { force: true });
    await rm(file + META_SUFFIX, { force: true });
    await this.pruneEmptyParents(path.dirname(file));
  }

  /** Removes directories the deletion left empty, up to the root; a busy one stops it. */
  private async pruneEmptyParents(dir: string): Promise<void> {
    for (let current = dir; current.startsWith(this.root + path.sep); current = path.dirname(current)) {
      try {
        await rmdir(current);
      } catch {
        return;
      }
    }
  }

  async deleteMany(keys: string[]): Promise<void> {
    for (const key of keys) await this.delete(key);
  }

  async abortUnfinished(before: Date): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.tmp).catch(() => [])) {
      const partial = path.join(this.tmp, name);
      // A put in progress keeps writing, so its file stays younger than the cut-off.
      const stats = await stat(partial).catch(() => null);
      if (stats && stats.mtime < before) {
        await rm(partial, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  async checkReady(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.R_OK | constants.W_OK);
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const file = path.resolve(this.root, key);
    if (!file.startsWith(this.root + path.sep) || file.startsWith(this.tmp + path.sep)) throw new Error(`invalid object key: ${key}`);
    return file;
  }
}

/** Every put writes a new file and renames it into place: a new inode, whatever the bytes. */
function versionOf(stats: Stats): string {
  return `${stats.ino}-${stats.mtimeMs}-${stats.size}`;
}
