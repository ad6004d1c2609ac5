import { expect } from 'chai';
import type { Express } from 'express';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from '../support/http.ts';
import type { ObjectStore } from '../../application/ports/object-store.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { Image } from '../../domain/images/image.ts';
import { aMember, type Member } from '../support/actors.ts';
import { anImage } from '../support/images.ts';
import { testApp, testRuntime } from '../support/runtime.ts';
import { freshDatabaseUrl, freshS3Settings } from '../support/services.ts';

/** Everything under a directory but the store's own temporary folder. */
async function entriesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.map((e) => path.relative(dir, path.join(e.parentPath, e.name))).filter((p) => p !== '.tmp');
}

const STORES = [
  { name: 'objects on disk in DATA_DIR', env: async (): Promise<Record<string, string>> => ({}) },
  {
    name: 'objects in S3',
    env: async (): Promise<Record<string, string>> => {
      const s3 = await freshS3Settings();
      return { S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey, S3_REGION: s3.region };
    },
  },
];

for (const target of STORES)
  describe(`PostgreSQL with ${target.name}: images end to end`, function () {
    this.timeout(60_000);
    let dataDir: string;
    let runtime: Runtime;
    let app: Express;
    let owner: Member;
    const api = (p: string) => `/api/v1${p}`;
    const auth = (req: request.Test) => req.set('Authorization', `Bearer ${owner.token}`);

    beforeEach(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-media-'));
      const env = { DATABASE_URL: await freshDatabaseUrl(), DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40), ...(await target.env()) };
      runtime = await testRuntime({ env });
      app = testApp(runtime, env);
      owner = await aMember(runtime, 'owner');
    });
    afterEach(async () => {
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('uploads, serves (whole and in ranges) and deletes; nothing of a deleted theme or account is left', async () => {
      const store = runtime.container.get<ObjectStore>(TYPES.ObjectStore);
      const themeId = (await auth(request(app).post(api('/themes'))).send({ name: 'Ocean', status: 'published', colors: [{ name: 'a', hex: '#123456' }] })).body.id;
      const png = await anImage('png', 900, 600);
      const cover = await auth(request(app).post(api(`/themes/${themeId}/images`)))
        .field('kind', 'cover')
        .attach('file', png, 'cover.png');
      expect(cover.status, JSON.stringify(cover.body)).to.equal(201);
      const preview = await auth(request(app).post(api(`/themes/${themeId}/images`))).attach('file', await anImage('jpeg'), 'p.jpg');
      expect(preview.status).to.equal(201);
      const avatar = await auth(request(app).put(api('/users/me/avatar'))).attach('file', await anImage('webp', 64, 64), 'me.webp');
      expect(avatar.status).to.equal(200);

      const content = await request(app).get(api(`/images/${cover.body.id}/content`)).set('Range', 'bytes=0-7');
      expect(content.status).to.equal(206);
      expect(content.headers['content-range']).to.equal(`bytes 0-7/${png.length}`);
      const thumb = await request(app).get(api(`/images/${cover.body.id}/thumbnail`));
      expect(thumb.status).to.equal(200);
      expect(thumb.headers['content-type']).to.equal('image/webp');

      const keysOf = (imageId: string, scope: { themeId: string | null }) => Object.values(Image.keysFor({ ...scope, ownerId: owner.id }, imageId));
      const themeKeys = [...keysOf(cover.body.id, { themeId }), ...keysOf(preview.body.id, { themeId })];
      for (const key of themeKeys) expect(await store.head(key), key).to.not.equal(null);

      expect((await auth(request(app).delete(api(`/themes/${themeId}`)))).status).to.equal(204);
      for (const key of themeKeys) expect(await store.head(key), key).to.equal(null);

      expect((await auth(request(app).delete(api('/users/me')))).status).to.equal(204);
      for (const key of keysOf(avatar.body.avatar.id, { themeId: null })) expect(await store.head(key), key).to.equal(null);
      expect(await entriesUnder(path.join(dataDir, 'objects'))).to.deep.equal([]);
    });
  });
