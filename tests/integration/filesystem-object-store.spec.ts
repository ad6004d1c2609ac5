import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { FilesystemObjectStore } from '../../adapters/storage/filesystem-object-store.ts';

// The ObjectStore contract runs on this store in tests/contract/contracts.spec.ts; these are its own cases.
describe('FilesystemObjectStore: writes a killed process never finished', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'themes-objects-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('removes partial files older than the cut-off, and keeps younger ones and every object', async () => {
    const store = new FilesystemObjectStore(dir);
    await store.put('k/done', Readable.from([Buffer.from('done')]), { contentType: 'text/plain' });
    const hourAgo = new Date(Date.now() - 3600_000);
    await writeFile(path.join(dir, '.tmp', 'killed-mid-put'), 'partial');
    await utimes(path.join(dir, '.tmp', 'killed-mid-put'), new Date(hourAgo.getTime() - 1000), new Date(hourAgo.getTime() - 1000));
    await writeFile(path.join(dir, '.tmp', 'still-writing'), 'partial');

    expect(await store.abortUnfinished(hourAgo)).to.equal(1);
    expect(await readdir(path.join(dir, '.tmp'))).to.deep.equal(['still-writing']);
    expect(await store.head('k/done')).to.deep.equal({ size: 4, contentType: 'text/plain' });
  });
});
