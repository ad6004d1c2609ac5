import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { FilesystemObjectStore } from '../../adapters/storage/filesystem-object-store.ts';
import { MemoryObjectStore } from '../../adapters/storage/memory-object-store.ts';
import { objectStoreContract } from './object-store.contract.ts';

objectStoreContract('memory', async () => ({ store: new MemoryObjectStore(), close: async () => {} }));

let root = '';
objectStoreContract('filesystem', async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'themes-objects-'));
  return {
    store: new FilesystemObjectStore(root),
    close: async () => {
      // A failed or finished put leaves no temporary file behind.
      expect(await readdir(path.join(root, '.tmp')).catch(() => [])).to.deep.equal([]);
      await rm(root, { recursive: true, force: true });
    },
  };
});
