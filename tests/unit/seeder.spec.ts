import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ANONYMOUS } from '../../application/actor.ts';
import { GetTheme } from '../../application/themes/get-theme.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { parseSeedFile } from '../../bootstrap/seeding/seed-file.ts';
import { Seeder } from '../../bootstrap/seeding/seeder.ts';
import { anImage } from '../support/images.ts';
import { testConfig, testRuntime } from '../support/runtime.ts';

describe('Seeder: images named by a seed file', () => {
  let runtime: Runtime;
  let dir: string;
  beforeEach(async () => {
    runtime = await testRuntime();
    dir = await mkdtemp(path.join(os.tmpdir(), 'themes-seeder-'));
  });
  afterEach(async () => {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads the files a theme names (once), and leaves a theme without any to its swatch card', async () => {
    await writeFile(path.join(dir, 'cover.png'), await anImage('png', 320, 200));
    const { plan, errors } = parseSeedFile({
      users: [{ email: 'ada@example.com', username: 'ada', password: 'long enough' }],
      themes: [
        { name: 'Pictured', owner: 'ada', status: 'published', colors: [{ name: 'a', hex: '#3366cc' }], images: [{ file: 'cover.png', kind: 'cover' }] },
        { name: 'Plain', owner: 'ada', status: 'published', colors: [{ name: 'a', hex: '#cc6633' }] },
      ],
    });
    expect(errors).to.deep.equal([]);
    const seeder = new Seeder(runtime, testConfig(), dir);
    expect(await seeder.checkReferences(plan)).to.deep.equal([]);
    const first = await seeder.apply(plan, () => undefined);
    expect(first.images).to.deep.equal({ created: 1, updated: 0, unchanged: 0 });
    expect((await seeder.apply(plan, () => undefined)).images).to.deep.equal({ created: 0, updated: 0, unchanged: 1 });

    const pictured = await runtime.container.get(GetTheme).execute(ANONYMOUS, 'pictured');
    expect(pictured.cover).to.deep.include({ kind: 'image', width: 320, height: 200 });
    const plain = await runtime.container.get(GetTheme).execute(ANONYMOUS, 'plain');
    expect(plain.cover).to.deep.include({ kind: 'preview', themeId: plain.theme.id, width: 960 });
    expect(plain.imageCount).to.equal(0);
  });
});
