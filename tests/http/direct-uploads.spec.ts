import { expect } from 'chai';
import type { Express } from 'express';
import { readdir } from 'node:fs/promises';
import request from '../support/http.ts';
import { MemoryObjectStore } from '../../adapters/storage/memory-object-store.ts';
import { ObjectJanitor } from '../../application/media/object-janitor.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { aMember, type Member } from '../support/actors.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { anImage, aPixelBomb } from '../support/images.ts';
import { PROFILES, testApp, testRuntime } from '../support/runtime.ts';

const palette = [{ name: 'Deep', hex: '#0b3d91', role: 'primary' }];
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

type Ticket = { id: string; themeId: string | null; kind: string; maxBytes: number; expiresAt: string; upload: { method: 'POST'; url: string; fields: Record<string, string> }; commitUrl: string };

for (const profile of PROFILES) {
  describe(`HTTP: direct uploads with the API's signed URL (${profile.name})`, () => {
    let runtime: Runtime;
    let app: Express;
    let store: MemoryObjectStore;
    let clock: FixedClock;
    let owner: Member;
    let stranger: Member;
    const api = (p: string) => `/api/v1${p}`;
    /** An absolute URL of this API, as supertest wants it: its path and query. */
    const local = (url: string) => {
      const parsed = new URL(url);
      expect(parsed.origin).to.equal('http://themes.test');
      return parsed.pathname + parsed.search;
    };
    const as = (member: Member | null, req: request.Test) => (member ? req.set('Authorization', `Bearer ${member.token}`) : req);
    const aTheme = async (status = 'published') =>
      (await as(owner, request(app).post(api('/themes'))).send({ name: 'Ocean', colors: palette, status })).body.id as string;
    const ticketFor = async (themeId: string, bytes: Buffer, fields: Record<string, unknown> = {}, member: Member = owner) => {
      const res = await as(member, request(app).post(api(`/themes/${themeId}/uploads`))).send({ size: bytes.length, contentType: 'image/png', ...fields });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body as Ticket;
    };
    /** What a browser does with a ticket: a form of its fields, then the file. */
    const send = (ticket: Ticket, bytes: Buffer) => {
      let req = request(app).post(local(ticket.upload.url));
      for (const [name, value] of Object.entries(ticket.upload.fields)) req = req.field(name, value);
      return req.attach('file', bytes, 'whatever.png');
    };
    const commit = (ticket: Ticket, member: Member | null = owner) => as(member, request(app).post(local(ticket.commitUrl)));
    const staged = () => store.keys().filter((k) => k.startsWith('staging/'));

    beforeEach(async () => {
      const env = { ...(await profile.env()), MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES), MAX_IMAGES_PER_THEME: '2' };
      store = new MemoryObjectStore();
      clock = new FixedClock(new Date().toISOString());
      runtime = await testRuntime({ env, objectStore: store, clock });
      app = testApp(runtime, env);
      owner = await aMember(runtime, 'owner');
      stranger = await aMember(runtime, 'stranger');
    });
    afterEach(() => runtime.close());

    it('ticket, form POST to the signed URL, commit: the image is stored, typed by its bytes, and the staged object goes', async () => {
      const themeId = await aTheme();
      const bytes = await anImage('png', 1200, 300);
      const res = await as(owner, request(app).post(api(`/themes/${themeId}/uploads`))).send({ kind: 'cover', alt: 'the palette', size: bytes.length, contentType: 'image/png' });
      expect(res.status).to.equal(201);
      const ticket = res.body as Ticket;
      expect(res.headers.location).to.equal(ticket.commitUrl);
      expect(ticket.commitUrl).to.equal(`http://themes.test/api/v1/uploads/${ticket.id}/commit`);
      expect(ticket).to.include({ themeId, kind: 'cover', maxBytes: bytes.length });
      expect(new Date(ticket.expiresAt).getTime() - clock.now().getTime()).to.be.within(299_000, 300_000);
      expect(ticket.upload.method).to.equal('POST');
      expect(ticket.upload.url).to.match(new RegExp(`^http://themes\\.test/api/v1/uploads/${ticket.id}/content\\?expires=\\d+&max=${bytes.length}&signature=[\\w-]+$`));
      expect(ticket.upload.fields).to.deep.equal({ 'Content-Type': 'image/png' });

      expect((await send(ticket, bytes)).status).to.equal(204);
      expect(staged()).to.deep.equal([`staging/${ticket.id}`]);

      const committed = await commit(ticket);
      expect(committed.status, JSON.stringify(committed.body)).to.equal(201);
      expect(committed.headers.location).to.equal(`http://themes.test/api/v1/images/${committed.body.id}`);
      expect(committed.body).to.include({ themeId, kind: 'cover', alt: 'the palette', contentType: 'image/png', size: bytes.length, width: 1200, height: 300 });
      const original = await request(app).get(api(`/images/${committed.body.id}/content`)).buffer(true).parse(binary);
      expect(Buffer.compare(original.body, bytes)).to.equal(0);
      expect((await request(app).get(api(`/themes/${themeId}`))).body.cover.id).to.equal(committed.body.id);
      expect(staged()).to.deep.equal([]);
      expect(await readdir(runtime.staging.dir)).to.deep.equal([]);
    });

    it('takes the raw body with PUT too, and an avatar ticket sets the caller’s avatar', async () => {
      const bytes = await anImage('webp', 64, 64);
      const res = await as(owner, request(app).post(api('/users/me/avatar/uploads'))).send({ size: bytes.length, contentType: 'image/webp' });
      expect(res.status).to.equal(201);
      const ticket = res.body as Ticket;
      expect(ticket).to.include({ themeId: null, kind: 'avatar' });
      expect((await request(app).put(local(ticket.upload.url)).set('Content-Type', 'image/webp').send(bytes)).status).to.equal(204);
      const committed = await commit(ticket);
      expect(committed.status).to.equal(201);
      expect(committed.body).to.include({ kind: 'avatar', themeId: null, contentType: 'image/webp', width: 64, height: 64 });
      expect((await as(owner, request(app).get(api('/users/me')))).body.avatar.id).to.equal(committed.body.id);
      const base = `avatars/${owner.id}/${committed.body.id}`;
      expect(store.keys().sort()).to.deep.equal([`${base}/original`, `${base}/thumb.webp`]);
    });

    it('answers a replayed commit with the same 201, image and Location, and records one image', async () => {
      const themeId = await aTheme();
      const bytes = await anImage('jpeg');
      const ticket = await ticketFor(themeId, bytes, { contentType: 'image/jpeg' });
      await send(ticket, bytes);
      const first = await commit(ticket);
      const again = await commit(ticket);
      expect(again.status).to.equal(201);
      expect(again.headers.location).to.equal(first.headers.location);
      expect(again.body).to.deep.equal(first.body);
      expect((await request(app).get(api(`/themes/${themeId}/images`))).body.items).to.have.length(1);
    });

    it('refuses at commit a text file sent as image/png (415) and deletes it; a commit with nothing sent is 409', async () => {
      const themeId = await aTheme();
      const text = Buffer.from('this is plain text pretending to be a PNG');
      const ticket = await ticketFor(themeId, text);
      expect((await commit(ticket)).body.code).to.equal('upload_missing');
      // The store takes any bytes, as S3 does: what they are is decided at commit.
      expect((await send(ticket, text)).status).to.equal(204);
      const refused = await commit(ticket);
      expect(refused.status).to.equal(415);
      expect(refused.body.code).to.equal('unsupported_media_type');
      expect(staged()).to.deep.equal([]);
      expect(store.keys()).to.deep.equal([]);
      const replay = await commit(ticket);
      expect(replay.status).to.equal(409);
      expect(replay.body.code).to.equal('upload_missing');
    });

    it('refuses at commit an image over MAX_IMAGE_PIXELS (422) and deletes it', async () => {
      const themeId = await aTheme();
      const bomb = await aPixelBomb();
      const ticket = await ticketFor(themeId, bomb);
      await send(ticket, bomb);
      const refused = await commit(ticket);
      expect(refused.status).to.equal(422);
      expect(refused.body.errors[0].message).to.match(/100\.0 megapixels/);
      expect(store.keys()).to.deep.equal([]);
    });

    it('the signed URL refuses a body over the signed size (413) and keeps nothing; a size over MAX_UPLOAD_BYTES gets no ticket', async () => {
      const themeId = await aTheme();
      const bytes = await anImage('png');
      const ticket = await ticketFor(themeId, bytes);
      const over = Buffer.concat([bytes, Buffer.from([0])]);
      const form = await send(ticket, over);
      expect(form.status).to.equal(413);
      expect(form.body.code).to.equal('payload_too_large');
      const put = await request(app).put(local(ticket.upload.url)).set('Content-Type', 'application/octet-stream').send(over);
      expect(put.status).to.equal(413);
      expect(staged()).to.deep.equal([]);
      expect((await commit(ticket)).body.code).to.equal('upload_missing');

      const tooBig = await as(owner, request(app).post(api(`/themes/${themeId}/uploads`))).send({ size: MAX_UPLOAD_BYTES + 1, contentType: 'image/png' });
      expect(tooBig.status).to.equal(413);
      expect(tooBig.body.code).to.equal('payload_too_large');
    });

    it('a ticket used after it expires: the signed URL and the commit answer 410, and the janitor deletes what was sent', async () => {
      const themeId = await aTheme();
      const bytes = await anImage('png');
      const late = await ticketFor(themeId, bytes);
      const uncommitted = await ticketFor(themeId, bytes);
      expect((await send(uncommitted, bytes)).status).to.equal(204);
      clock.advance(300);

      const upload = await send(late, bytes);
      expect(upload.status).to.equal(410);
      expect(upload.body.code).to.equal('upload_expired');
      const commitLate = await commit(uncommitted);
      expect(commitLate.status).to.equal(410);
      expect(commitLate.body.code).to.equal('upload_expired');
      expect(staged()).to.deep.equal([`staging/${uncommitted.id}`]);

      const janitor = runtime.container.get(ObjectJanitor);
      // Not while an upload begun just before expiry could still be arriving.
      await janitor.sweep();
      expect(staged()).to.have.length(1);
      clock.advance(3600);
      await janitor.sweep();
      expect(store.keys()).to.deep.equal([]);
    });

    it('refuses an upload URL that was tampered with (403), and keeps nothing', async () => {
      const themeId = await aTheme();
      const bytes = await anImage('png');
      const ticket = await ticketFor(themeId, bytes);
      const url = new URL(ticket.upload.url);
      const bigger = new URL(url);
      bigger.searchParams.set('max', String(MAX_UPLOAD_BYTES));
      const later = new URL(url);
      later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
      const otherTicket = new URL(url.href.replace(ticket.id, '00000000-0000-4000-8000-000000000000'));
      const unsigned = new URL(url);
      unsigned.searchParams.delete('signature');
      for (const forged of [bigger, later, otherTicket, unsigned]) {
        const res = await request(app).put(forged.pathname + forged.search).set('Content-Type', 'image/png').send(bytes);
        expect(res.status, forged.href).to.equal(403);
        expect(res.body.code).to.equal('forbidden');
      }
      expect(store.keys()).to.deep.equal([]);
    });

    it('asks the checks of a streamed upload for a ticket, and again at commit', async () => {
      const themeId = await aTheme();
      const bytes = await anImage('png');
      const ask = (body: Record<string, unknown>, member: Member | null = owner, path = `/themes/${themeId}/uploads`) => as(member, request(app).post(api(path))).send(body);
      const png = { size: bytes.length, contentType: 'image/png' };
      expect((await ask(png, null)).status).to.equal(401);
      expect((await ask(png, stranger)).status).to.equal(403);
      expect((await ask(png, owner, `/themes/${await aTheme('draft')}/uploads`)).status).to.equal(201);
      expect((await ask(png, stranger, `/themes/${await aTheme('draft')}/uploads`)).status).to.equal(404);
      const invalid = await ask({ size: 0, contentType: 'image/gif', kind: 'avatar', extra: 1 });
      expect(invalid.status).to.equal(422);
      expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).to.deep.equal(['contentType', 'extra', 'size']);
      expect((await ask({ ...png, kind: 'avatar' })).status).to.equal(422);
      expect((await ask({ ...png, kind: 'cover' }, owner, '/users/me/avatar/uploads')).status).to.equal(422);

      // The ticket's holder alone may commit it; room is checked again.
      const ticket = await ticketFor(themeId, bytes);
      await send(ticket, bytes);
      expect((await commit(ticket, stranger)).status).to.equal(404);
      expect((await commit(ticket, null)).status).to.equal(401);
      for (let i = 0; i < 2; i++) {
        const other = await ticketFor(themeId, bytes);
        await send(other, bytes);
        expect((await commit(other)).status).to.equal(201);
      }
      const full = await commit(ticket);
      expect(full.status).to.equal(409);
      expect(full.body.code).to.equal('image_limit_reached');
      expect((await ask(png)).body.code).to.equal('image_limit_reached');
    });

    it('a commit for a theme deleted since answers 404 and leaves nothing once the janitor ran', async () => {
      const themeId = await aTheme();
      const bytes = await anImage('png');
      const ticket = await ticketFor(themeId, bytes);
      await send(ticket, bytes);
      expect((await as(owner, request(app).delete(api(`/themes/${themeId}`)))).status).to.equal(204);
      expect((await commit(ticket)).status).to.equal(404);
      clock.advance(300 + 3600);
      await runtime.container.get(ObjectJanitor).sweep();
      expect(store.keys()).to.deep.equal([]);
    });
  });
}

function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
