import { expect } from 'chai';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FilesystemObjectStore } from '../../adapters/storage/filesystem-object-store.ts';
import { ObjectJanitor } from '../../application/media/object-janitor.ts';
import { DeleteImage } from '../../application/media/delete-image.ts';
import { UploadThemeImage } from '../../application/media/upload-theme-image.ts';
import type { ImageRepo } from '../../application/ports/image-repo.ts';
import { CreateTheme } from '../../application/themes/create-theme.ts';
import { DeleteTheme } from '../../application/themes/delete-theme.ts';
import { DeleteAccount } from '../../application/users/delete-account.ts';
import type { Image } from '../../domain/images/image.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { aMember, type Member } from '../support/actors.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { FaultyObjectStore } from '../support/faulty-object-store.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { anImage } from '../support/images.ts';
import { testRuntime } from '../support/runtime.ts';

describe('media consistency under faults (use-cases on memory adapters)', () => {
  let runtime: Runtime;
  let clock: FixedClock;
  let store: FaultyObjectStore;
  let owner: Member;
  let themeId: string;
  const get = <T>(id: new (...args: never[]) => T): T => runtime.container.get(id as never);
  const images = () => runtime.container.get<ImageRepo>(TYPES.ImageRepo);
  const upload = async (kind = 'preview') => {
    const staged = await runtime.staging.stage(Readable.from([await anImage('png')]), 10 * 1024 * 1024);
    try {
      return (await get(UploadThemeImage).execute(owner.actor, themeId, staged, { kind })).image;
    } finally {
      await staged.dispose();
    }
  };

  /** No row points at a missing object; with `settled`, no object lacks a row either. */
  async function expectConsistent(settled: boolean): Promise<void> {
    const rows = await images().listByTheme(themeId).catch(() => [] as Image[]);
    for (const image of rows) for (const key of image.keys()) expect(await store.head(key), key).to.not.equal(null);
    if (settled) expect(store.keys().sort()).to.deep.equal(rows.flatMap((i) => i.keys()).sort());
  }

  beforeEach(async () => {
    clock = new FixedClock();
    store = new FaultyObjectStore();
    runtime = await testRuntime({ clock, objectStore: store });
    owner = await aMember(runtime, 'owner');
    themeId = (await get(CreateTheme).execute(owner.actor, { name: 'Ocean', colors: [{ name: 'x', hex: '#000000' }], status: 'published' })).theme.id;
  });
  afterEach(() => runtime.close());

  for (const n of [1, 2])
    it(`an object store failing on put #${n} leaves no row and no object`, async () => {
      store.failOn('put', n);
      expect((await rejectionOf(upload())).message).to.equal('injected put failure');
      expect(await images().listByTheme(themeId)).to.deep.equal([]);
      await expectConsistent(true);
    });

  it('a database write failing inside the transaction removes the objects already written', async () => {
    const repo = images();
    const insert = repo.insert.bind(repo);
    repo.insert = async () => {
      throw new Error('injected commit failure');
    };
    await rejectionOf(upload());
    repo.insert = insert;
    expect(await repo.listByTheme(themeId)).to.deep.equal([]);
    await expectConsistent(true);
  });

  it('a crash between writing the objects and recording them is swept up after the grace period', async () => {
    // The "crash": the transaction fails and so does the immediate clean-up.
    const repo = images();
    repo.insert = async () => {
      throw new Error('power cut');
    };
    store.failOn('deleteMany', 1, true);
    await rejectionOf(upload());
    expect(store.keys()).to.have.length(2);
    await expectConsistent(false);

    store.heal();
    expect(await get(ObjectJanitor).sweep()).to.equal(0); // not due yet: the upload might still be committing
    clock.advance(3601);
    expect(await get(ObjectJanitor).sweep()).to.equal(2);
    await expectConsistent(true);
  });

  it('a failed object deletion after deleting an image is remembered and retried', async () => {
    const image = await upload();
    store.failOn('deleteMany', 1, true);
    await get(DeleteImage).execute(owner.actor, image.id);
    expect(await images().findById(image.id)).to.equal(null);
    expect(store.keys()).to.have.length(2);
    await expectConsistent(false);
    store.heal();
    expect(await get(ObjectJanitor).sweep()).to.equal(2);
    await expectConsistent(true);
  });

  it('replacing a cover while the store fails keeps the new cover and sweeps the old one later', async () => {
    await upload('cover');
    store.failOn('deleteMany', 1, true);
    const second = await upload('cover');
    const rows = await images().listByTheme(themeId);
    expect(rows.map((i) => i.id)).to.deep.equal([second.id]);
    await expectConsistent(false);
    store.heal();
    await get(ObjectJanitor).sweep();
    await expectConsistent(true);
  });

  it('deleting a theme or an account while the store is down loses nothing and leaves nothing, eventually', async () => {
    await upload();
    await upload('cover');
    store.failOn('deleteMany', 1, true);
    await get(DeleteTheme).execute(owner.actor, themeId);
    expect(store.keys()).to.have.length(4);
    store.heal();
    expect(await get(ObjectJanitor).sweep()).to.equal(4);
    expect(store.keys()).to.deep.equal([]);

    themeId = (await get(CreateTheme).execute(owner.actor, { name: 'Again', colors: [{ name: 'x', hex: '#000000' }] })).theme.id;
    await upload();
    store.failOn('deleteMany', 1, true);
    await get(DeleteAccount).execute(owner.actor);
    store.heal();
    await get(ObjectJanitor).sweep();
    expect(store.keys()).to.deep.equal([]);
  });

  it('the periodic sweep removes what puts cut short by a crash left, once older than an hour', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'themes-objects-'));
    const onDisk = await testRuntime({ clock, objectStore: new FilesystemObjectStore(dir) });
    try {
      const partial = async (name: string, minutesAgo: number) => {
        await mkdir(path.join(dir, '.tmp'), { recursive: true });
        await writeFile(path.join(dir, '.tmp', name), 'partial');
        const at = new Date(clock.now().getTime() - minutesAgo * 60_000);
        await utimes(path.join(dir, '.tmp', name), at, at);
      };
      await partial('killed-mid-put', 61);
      await partial('still-writing', 59);
      expect(await onDisk.container.get(ObjectJanitor).sweep()).to.equal(1);
      expect(await readdir(path.join(dir, '.tmp'))).to.deep.equal(['still-writing']);
    } finally {
      await onDisk.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the limit of images per theme holds when uploads race', async () => {
    const limited = await testRuntime({ clock, objectStore: store, env: { MAX_IMAGES_PER_THEME: '2' } });
    const member = await aMember(limited, 'racer');
    const theme = (await limited.container.get(CreateTheme).execute(member.actor, { name: 'Race', colors: [{ name: 'x', hex: '#000000' }] })).theme;
    const attempt = async () => {
      const staged = await limited.staging.stage(Readable.from([await anImage('png')]), 10 * 1024 * 1024);
      try {
        return await limited.container.get(UploadThemeImage).execute(member.actor, theme.id, staged, {});
      } finally {
        await staged.dispose();
      }
    };
    const results = await Promise.allSettled([attempt(), attempt(), attempt(), attempt()]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(2);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).to.deep.equal([
      'image_limit_reached',
      'image_limit_reached',
    ]);
    await limited.close();
  });
});
