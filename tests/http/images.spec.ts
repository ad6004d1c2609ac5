import { expect } from 'chai';
import type { Express } from 'express';
import { readdir } from 'node:fs/promises';
import sharp from 'sharp';
import { MemoryObjectStore } from '../../adapters/storage/memory-object-store.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember, type Member } from '../support/actors.ts';
import request, { binary } from '../support/http.ts';
import { anImage, aPixelBomb } from '../support/images.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

const palette = [{ name: 'Deep', hex: '#0b3d91', role: 'primary' }];

for (const profile of PROFILES) {
  describe(`HTTP: images and avatars (${profile.name})`, () => {
    let runtime: Runtime;
    let app: Express;
    let store: MemoryObjectStore;
    let owner: Member;
    let stranger: Member;
    const api = (p: string) => `/api/v1${p}`;
    const as = (member: Member | null, req: request.Test) => (member ? req.set('Authorization', `Bearer ${member.token}`) : req);
    const aTheme = async (status = 'published') =>
      (await as(owner, request(app).post(api('/themes'))).send({ name: 'Ocean', colors: palette, status })).body.id as string;
    const upload = (themeId: string, file: Buffer, name = 'picture.png', fields: Record<string, string> = {}, member: Member | null = owner) => {
      let req = as(member, request(app).post(api(`/themes/${themeId}/images`)));
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      return req.attach('file', file, name);
    };

    beforeEach(async () => {
      const env = { ...(await profile.env()), MAX_UPLOAD_BYTES: String(2 * 1024 * 1024), MAX_IMAGES_PER_THEME: '3' };
      store = new MemoryObjectStore();
      runtime = await testRuntime({ env, objectStore: store });
      app = testApp(runtime, env);
      owner = await aMember(runtime, 'owner');
      stranger = await aMember(runtime, 'stranger');
    });
    afterEach(() => runtime.close());

    it('stores PNG, JPEG and WebP as uploaded, typed by their bytes, with a WebP thumbnail of at most 480×480', async () => {
      const themeId = await aTheme();
      for (const format of ['png', 'jpeg', 'webp'] as const) {
        const bytes = await anImage(format, 1200, 300);
        // The declared name lies: the bytes decide.
        const res = await upload(themeId, bytes, 'lies.gif', { alt: `a ${format}` });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        expect(res.headers.location).to.equal(`http://themes.test/api/v1/images/${res.body.id}`);
        expect(res.body).to.include({ kind: 'preview', contentType: `image/${format}`, size: bytes.length, width: 1200, height: 300, alt: `a ${format}`, themeId });
        expect(res.body.sha256).to.match(/^[0-9a-f]{64}$/);
        // Read back from the database as it was answered (sizes are numbers, not bigint strings).
        expect((await request(app).get(api(`/images/${res.body.id}`))).body).to.deep.equal(res.body);

        const original = await request(app).get(api(`/images/${res.body.id}/content`)).buffer(true).parse(binary);
        expect(original.status).to.equal(200);
        expect(Buffer.compare(original.body, bytes)).to.equal(0);
        expect(original.headers).to.include({ 'content-type': `image/${format}`, 'content-length': String(bytes.length), etag: `"${res.body.sha256}"` });
        expect(original.headers['cache-control']).to.equal('public, max-age=31536000, immutable');

        const thumb = await request(app).get(api(`/images/${res.body.id}/thumbnail`)).buffer(true).parse(binary);
        expect(thumb.headers['content-type']).to.equal('image/webp');
        const meta = await sharp(thumb.body).metadata();
        expect(meta).to.include({ format: 'webp', width: 480, height: 120 });
      }
      const list = await request(app).get(api(`/themes/${themeId}/images`));
      expect(list.body.items.map((i: { contentType: string }) => i.contentType)).to.deep.equal(['image/png', 'image/jpeg', 'image/webp']);
      expect((await request(app).get(api(`/themes/${themeId}`))).body.imageCount).to.equal(3);
    });

    it('refuses a text file named .png with 415, and keeps nothing', async () => {
      const themeId = await aTheme();
      const res = await upload(themeId, Buffer.from('this is not an image at all, just text'), 'evil.png');
      expect(res.status, res.body.detail).to.equal(415);
      expect(res.body.code).to.equal('unsupported_media_type');
      expect(store.keys()).to.deep.equal([]);
    });

    it('refuses a PNG whose body does not decode with 415', async () => {
      const themeId = await aTheme();
      const png = await anImage('png');
      const res = await upload(themeId, Buffer.concat([png.subarray(0, 60), Buffer.alloc(400, 7)]));
      expect(res.status).to.equal(415);
      expect(store.keys()).to.deep.equal([]);
    });

    it('refuses a 100-megapixel PNG of a few hundred KiB with 422, without decoding it', async () => {
      const themeId = await aTheme();
      const bomb = await aPixelBomb();
      expect(bomb.length).to.be.below(1024 * 1024);
      const res = await upload(themeId, bomb);
      expect(res.status).to.equal(422);
      expect(res.body.errors[0]).to.deep.include({ path: 'file' });
      expect(res.body.errors[0].message).to.match(/100\.0 megapixels/);
      expect(store.keys()).to.deep.equal([]);
    });

    it('refuses a file over MAX_UPLOAD_BYTES with 413, keeping nothing, staged files included', async () => {
      const themeId = await aTheme();
      const big = Buffer.concat([await anImage('png'), Buffer.alloc(3 * 1024 * 1024)]);
      const res = await upload(themeId, big);
      expect(res.status).to.equal(413);
      expect(res.body.code).to.equal('payload_too_large');
      expect(store.keys()).to.deep.equal([]);
      expect(await readdir(runtime.staging.dir)).to.deep.equal([]);
    });

    it('answers 400 to a multipart body cut short, and keeps serving', async () => {
      const themeId = await aTheme();
      const png = await anImage('png');
      const truncated = Buffer.concat([Buffer.from('--XX\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n'), png.subarray(0, 100)]);
      const res = await as(owner, request(app).post(api(`/themes/${themeId}/images`)))
        .set('Content-Type', 'multipart/form-data; boundary=XX')
        .send(truncated);
      expect(res.status).to.equal(400);
      expect(res.body.code).to.equal('malformed_request');
      expect((await request(app).get('/health/live')).status).to.equal(200);
      expect(store.keys()).to.deep.equal([]);
    });

    it('answers 422 without a file part, and 400 to a body that is not multipart', async () => {
      const themeId = await aTheme();
      const none = await as(owner, request(app).post(api(`/themes/${themeId}/images`))).field('kind', 'cover');
      expect(none.status).to.equal(422);
      const json = await as(owner, request(app).post(api(`/themes/${themeId}/images`))).send({ file: 'x' });
      expect(json.status).to.equal(400);
      const badKind = await upload(themeId, await anImage('png'), 'a.png', { kind: 'avatar' });
      expect(badKind.status).to.equal(422);
    });

    it('replaces the cover in one step: the old image and its objects go', async () => {
      const themeId = await aTheme();
      const first = await upload(themeId, await anImage('png'), 'a.png', { kind: 'cover' });
      const second = await upload(themeId, await anImage('jpeg'), 'b.jpg', { kind: 'cover' });
      expect(second.status).to.equal(201);
      const theme = await request(app).get(api(`/themes/${themeId}`));
      expect(theme.body.cover).to.deep.equal({
        id: second.body.id,
        url: `http://themes.test/api/v1/images/${second.body.id}/content`,
        thumbnailUrl: `http://themes.test/api/v1/images/${second.body.id}/thumbnail`,
        width: 640,
        height: 400,
      });
      expect(theme.body.imageCount).to.equal(1);
      expect((await request(app).get(api(`/images/${first.body.id}`))).status).to.equal(404);
      expect(store.keys().filter((k) => k.includes(first.body.id))).to.deep.equal([]);
    });

    it('answers 409 image_limit_reached past MAX_IMAGES_PER_THEME, but a cover may still replace a cover', async () => {
      const themeId = await aTheme();
      await upload(themeId, await anImage('png'), 'c.png', { kind: 'cover' });
      for (let i = 0; i < 2; i++) expect((await upload(themeId, await anImage('png'))).status).to.equal(201);
      const over = await upload(themeId, await anImage('png'));
      expect(over.status).to.equal(409);
      expect(over.body.code).to.equal('image_limit_reached');
      expect((await upload(themeId, await anImage('png'), 'c2.png', { kind: 'cover' })).status).to.equal(201);
    });

    it('serves ranges (206), refuses unsatisfiable ones (416), honours If-None-Match (304) and HEAD', async () => {
      const themeId = await aTheme();
      const bytes = await anImage('png');
      const { body: image } = await upload(themeId, bytes);
      const url = api(`/images/${image.id}/content`);
      const partial = await request(app).get(url).set('Range', 'bytes=10-19').buffer(true).parse(binary);
      expect(partial.status).to.equal(206);
      expect(partial.headers['content-range']).to.equal(`bytes 10-19/${bytes.length}`);
      expect(partial.headers['content-length']).to.equal('10');
      expect(Buffer.compare(partial.body, bytes.subarray(10, 20))).to.equal(0);
      const suffix = await request(app).get(url).set('Range', 'bytes=-5').buffer(true).parse(binary);
      expect(Buffer.compare(suffix.body, bytes.subarray(-5))).to.equal(0);
      const unsatisfiable = await request(app).get(url).set('Range', `bytes=${bytes.length}-`);
      expect(unsatisfiable.status).to.equal(416);
      expect(unsatisfiable.headers['content-range']).to.equal(`bytes */${bytes.length}`);
      const notModified = await request(app).get(url).set('If-None-Match', `"${image.sha256}"`);
      expect(notModified.status).to.equal(304);
      const head = await request(app).head(url);
      expect(head.status).to.equal(200);
      expect(head.headers['content-length']).to.equal(String(bytes.length));
    });

    it('hides a draft’s images from others (404) and does not let them be cached publicly', async () => {
      const themeId = await aTheme('draft');
      const { body: image } = await upload(themeId, await anImage('png'));
      for (const p of [`/images/${image.id}`, `/images/${image.id}/content`, `/images/${image.id}/thumbnail`, `/themes/${themeId}/images`]) {
        expect((await request(app).get(api(p))).status, p).to.equal(404);
        expect((await as(stranger, request(app).get(api(p)))).status, p).to.equal(404);
      }
      const own = await as(owner, request(app).get(api(`/images/${image.id}/content`)));
      expect(own.status).to.equal(200);
      expect(own.headers['cache-control']).to.equal('private, no-cache');
    });

    it('lets only the owner (or a moderator) upload and delete; deleting removes the objects', async () => {
      const themeId = await aTheme();
      expect((await upload(themeId, await anImage('png'), 'x.png', {}, stranger)).status).to.equal(403);
      expect((await upload(themeId, await anImage('png'), 'x.png', {}, null)).status).to.equal(401);
      const { body: image } = await upload(themeId, await anImage('png'));
      expect((await as(stranger, request(app).delete(api(`/images/${image.id}`)))).status).to.equal(403);
      expect((await as(owner, request(app).delete(api(`/images/${image.id}`)))).status).to.equal(204);
      expect(store.keys()).to.deep.equal([]);
      expect((await request(app).get(api(`/images/${image.id}`))).status).to.equal(404);
    });

    it('deleting a theme or an account removes every stored object of it', async () => {
      const themeId = await aTheme();
      await upload(themeId, await anImage('png'));
      await as(owner, request(app).put(api('/users/me/avatar'))).attach('file', await anImage('webp'), 'me.webp');
      const second = await aTheme();
      await upload(second, await anImage('jpeg'));
      expect(store.keys()).to.have.length(6);
      expect((await as(owner, request(app).delete(api(`/themes/${themeId}`)))).status).to.equal(204);
      expect(store.keys()).to.have.length(4);
      expect((await as(owner, request(app).delete(api('/users/me')))).status).to.equal(204);
      expect(store.keys()).to.deep.equal([]);
    });

    it('sets, shows and removes an avatar', async () => {
      const res = await as(owner, request(app).put(api('/users/me/avatar'))).attach('file', await anImage('jpeg', 300, 300), 'me.jpg');
      expect(res.status).to.equal(200);
      expect(res.body.avatar).to.include({ width: 300, height: 300 });
      const avatarId = res.body.avatar.id;
      expect((await request(app).get(api('/users/owner'))).body.avatar.id).to.equal(avatarId);
      expect((await request(app).get(api(`/images/${avatarId}/thumbnail`))).status).to.equal(200);
      const replaced = await as(owner, request(app).put(api('/users/me/avatar'))).attach('file', await anImage('png', 200, 100), 'me.png');
      expect(replaced.body.avatar.id).to.not.equal(avatarId);
      expect(store.keys()).to.have.length(2);
      expect((await as(owner, request(app).delete(api('/users/me/avatar')))).status).to.equal(204);
      expect((await as(owner, request(app).get(api('/users/me')))).body.avatar).to.equal(null);
      expect(store.keys()).to.deep.equal([]);
    });
  });
}
