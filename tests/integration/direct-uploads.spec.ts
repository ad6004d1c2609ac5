import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { expect } from 'chai';
import type { Express } from 'express';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from '../support/http.ts';
import { S3ObjectStore } from '../../adapters/storage/s3-object-store.ts';
import { ObjectJanitor } from '../../application/media/object-janitor.ts';
import type { ImageRepo } from '../../application/ports/image-repo.ts';
import type { ObjectStore } from '../../application/ports/object-store.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import { aMember, type Member } from '../support/actors.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { anImage } from '../support/images.ts';
import { testApp, testRuntime } from '../support/runtime.ts';
import { freshDatabaseUrl, freshS3Settings, s3EnforcesConditions } from '../support/services.ts';

type Ticket = { id: string; maxBytes: number; expiresAt: string; upload: { url: string; fields: Record<string, string> }; commitUrl: string };
type S3Env = Awaited<ReturnType<typeof freshS3Settings>>;

const API_ORIGIN = 'http://themes.test';
const TTL = 300;
const GRACE = 3600;

const STORES = [
  { name: 'objects on disk', s3: false },
  { name: 'objects in S3 (MinIO, or s3rver in-process)', s3: true },
];

for (const target of STORES)
  describe(`direct uploads end to end: PostgreSQL with ${target.name}`, function () {
    this.timeout(60_000);
    let dataDir: string;
    let s3: S3Env | null;
    let env: Record<string, string>;
    let runtime: Runtime;
    let app: Express;
    let clock: FixedClock;
    let owner: Member;
    let themeId: string;
    const api = (p: string) => `/api/v1${p}`;
    const auth = (req: request.Test) => req.set('Authorization', `Bearer ${owner.token}`);
    const store = () => runtime.container.get<ObjectStore>(TYPES.ObjectStore);
    /** Tests of what one kind of store does alone. */
    const onS3 = (title: string, test: () => Promise<void>) => target.s3 && it(title, test);
    const onDisk = (title: string, test: () => Promise<void>) => !target.s3 && it(title, test);

    /** Every key in the store: the bucket's listing, or the files under DATA_DIR/objects. */
    async function keys(): Promise<string[]> {
      if (s3) {
        const client = new S3Client({ endpoint: s3.endpoint, region: s3.region, forcePathStyle: true, credentials: s3 });
        try {
          return ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map((o) => o.Key!).sort();
        } finally {
          client.destroy();
        }
      }
      const root = path.join(dataDir, 'objects');
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      return entries
        .filter((e) => e.isFile() && !e.name.endsWith('.meta.json'))
        .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
        .filter((k) => !k.startsWith('.tmp'))
        .sort();
    }

    async function start(extra: Record<string, string> = {}): Promise<void> {
      env = { DATABASE_URL: await freshDatabaseUrl(), DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40), ...extra };
      if (s3) Object.assign(env, { S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey, S3_REGION: s3.region });
      runtime = await testRuntime({ env, clock });
      app = testApp(runtime, env);
      owner = await aMember(runtime, 'owner');
      themeId = (await auth(request(app).post(api('/themes'))).send({ name: 'Ocean', status: 'published', colors: [{ name: 'a', hex: '#123456' }] })).body.id;
    }

    const ticketFor = async (bytes: Buffer, contentType = 'image/png', size = bytes.length): Promise<Ticket> => {
      const res = await auth(request(app).post(api(`/themes/${themeId}/uploads`))).send({ size, contentType });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body as Ticket;
    };
    /** The one flow of a client, whatever the store: a form of the ticket's fields, then the file. */
    const send = async (ticket: Ticket, bytes: Buffer, contentType = 'image/png'): Promise<{ status: number; body: string }> => {
      if (ticket.upload.url.startsWith(API_ORIGIN)) {
        let req = request(app).post(ticket.upload.url.slice(API_ORIGIN.length));
        for (const [name, value] of Object.entries(ticket.upload.fields)) req = req.field(name, value);
        const res = await req.attach('file', bytes, { filename: 'f', contentType });
        return { status: res.status, body: res.text };
      }
      const form = new FormData();
      for (const [name, value] of Object.entries(ticket.upload.fields)) form.append(name, value);
      form.append('file', new Blob([bytes], { type: contentType }), 'f');
      const res = await fetch(ticket.upload.url, { method: 'POST', body: form });
      return { status: res.status, body: await res.text() };
    };
    const commit = (ticket: Ticket) => auth(request(app).post(ticket.commitUrl.slice(API_ORIGIN.length)));
    const sweepAfter = async (seconds: number) => {
      clock.advance(seconds);
      await runtime.container.get(ObjectJanitor).sweep();
    };

    beforeEach(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'themes-direct-'));
      s3 = target.s3 ? await freshS3Settings() : null;
      // S3 checks policies on the system clock: the test clock starts at it, and moves only when told.
      clock = new FixedClock(new Date().toISOString());
      await start();
    });
    afterEach(async () => {
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('ticket, the store takes the file, commit: the image is served and the staged object is gone', async () => {
      const bytes = await anImage('png', 900, 600);
      const ticket = await ticketFor(bytes);
      if (s3) expect(new URL(ticket.upload.url).origin).to.equal(new URL(s3.endpoint).origin);
      const sent = await send(ticket, bytes);
      expect(sent.status, sent.body).to.be.oneOf([201, 204]);
      expect(await keys()).to.deep.equal([`staging/${ticket.id}`]);

      const committed = await commit(ticket);
      expect(committed.status, JSON.stringify(committed.body)).to.equal(201);
      expect(committed.body).to.include({ contentType: 'image/png', size: bytes.length, width: 900, height: 600 });
      const original = await request(app).get(api(`/images/${committed.body.id}/content`)).buffer(true).parse(binary);
      expect(Buffer.compare(original.body, bytes)).to.equal(0);
      expect(await keys()).to.deep.equal([`themes/${themeId}/${committed.body.id}/original`, `themes/${themeId}/${committed.body.id}/thumb.webp`]);
      const replay = await commit(ticket);
      expect(replay.status).to.equal(201);
      expect(replay.body).to.deep.equal(committed.body);
    });

    it('a text file sent as image/png is taken by the store, refused at commit (415) and deleted', async () => {
      const text = Buffer.from('nothing but text, whatever the Content-Type says');
      const ticket = await ticketFor(text);
      expect((await send(ticket, text, 'image/png')).status).to.be.oneOf([201, 204]);
      const refused = await commit(ticket);
      expect(refused.status).to.equal(415);
      expect(await keys()).to.deep.equal([]);
    });

    it('a body over the signed size is refused by the store', async function () {
      const bytes = await anImage('png');
      const ticket = await ticketFor(bytes, 'image/png', bytes.length - 1);
      if (s3 && !(await s3EnforcesConditions())) {
        // s3rver ignores POST policies (content-length-range, conditions, expiry): the commit's own
        // check refuses the bytes instead (413, deleted); the store's refusal is proven on MinIO and
        // on the API's signed URL.
        expect((await send(ticket, bytes)).status).to.equal(204);
        expect((await commit(ticket)).status).to.equal(413);
        expect(await keys()).to.deep.equal([]);
        return this.skip();
      }
      const sent = await send(ticket, bytes);
      expect(sent.status).to.be.oneOf([400, 413]);
      if (s3) expect(sent.body).to.match(/EntityTooLarge/);
      expect(await keys()).to.deep.equal([]);
    });

    onS3('signs a policy of 1 byte to the declared size, image/… only, until the ticket expires', async () => {
      if (!s3) throw new Error('S3 only');
      const ticket = await ticketFor(await anImage('png'));
      const policy = JSON.parse(Buffer.from(ticket.upload.fields.Policy!, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
      expect(policy.conditions).to.deep.include.members([
        ['content-length-range', 1, ticket.maxBytes],
        ['starts-with', '$Content-Type', 'image/'],
        { key: `staging/${ticket.id}` },
        { bucket: s3.bucket },
      ]);
      // The policy ends with the ticket (on a whole second), to the second, however slow the test.
      const expiresAt = new Date(ticket.expiresAt).getTime();
      expect(clock.now().getTime() + TTL * 1000 - expiresAt).to.be.within(0, 999);
      expect(new Date(policy.expiration).getTime()).to.equal(expiresAt);
      expect(ticket.upload.fields).to.include({ key: `staging/${ticket.id}`, 'Content-Type': 'image/png' });
    });

    onS3('dates the policy by the server’s Clock, not the system clock: it ends with its ticket whatever the time says', async () => {
      clock.advance(-600); // ten minutes behind the system clock, as a loaded test runner may fall behind
      const ticket = await ticketFor(await anImage('png'));
      const policy = JSON.parse(Buffer.from(ticket.upload.fields.Policy!, 'base64').toString('utf8')) as { expiration: string };
      expect(policy.expiration).to.equal(new Date(ticket.expiresAt).toISOString().replace('.000Z', 'Z'));
    });

    it('a ticket used after it expires: its commit answers 410, and the janitor deletes what was sent', async () => {
      const bytes = await anImage('png');
      const ticket = await ticketFor(bytes);
      await send(ticket, bytes);
      clock.advance(TTL);
      const late = await commit(ticket);
      expect(late.status).to.equal(410);
      expect(late.body.code).to.equal('upload_expired');
      expect(await keys()).to.deep.equal([`staging/${ticket.id}`]);
      await sweepAfter(GRACE);
      expect(await keys()).to.deep.equal([]);
    });

    it('commits racing the theme’s deletion leave no image row, and no object after the janitor', async () => {
      const tickets: Ticket[] = [];
      for (let i = 0; i < 3; i++) {
        const bytes = await anImage('png', 300 + i, 200);
        const ticket = await ticketFor(bytes);
        await send(ticket, bytes);
        tickets.push(ticket);
      }
      const results = await Promise.all([commit(tickets[0]!), auth(request(app).delete(api(`/themes/${themeId}`))), commit(tickets[1]!), commit(tickets[2]!)]);
      expect(results[1].status).to.equal(204);
      for (const res of [results[0], results[2], results[3]]) expect(res.status).to.be.oneOf([201, 404]);
      expect(await runtime.container.get<ImageRepo>(TYPES.ImageRepo).listOwnedBy(owner.id)).to.deep.equal([]);
      await sweepAfter(TTL + GRACE);
      expect(await keys()).to.deep.equal([]);
    });

    it('a crash between writing the objects and recording them leaves no orphan once the janitor ran', async () => {
      const bytes = await anImage('png');
      const ticket = await ticketFor(bytes);
      await send(ticket, bytes);
      const images = runtime.container.get<ImageRepo>(TYPES.ImageRepo);
      const objects = store();
      const [insert, deleteMany, remove] = [images.insert.bind(images), objects.deleteMany.bind(objects), objects.delete.bind(objects)];
      // The "crash": the record fails, and so does every clean-up the process would try at once.
      images.insert = async () => {
        throw new Error('power cut');
      };
      objects.deleteMany = objects.delete = async () => {
        throw new Error('store unreachable');
      };
      expect((await commit(ticket)).status).to.equal(500);
      expect(await keys()).to.have.length(3);
      [images.insert, objects.deleteMany, objects.delete] = [insert, deleteMany, remove];
      await sweepAfter(GRACE + 1);
      expect(await keys()).to.deep.equal([`staging/${ticket.id}`]);
      await sweepAfter(TTL);
      expect(await keys()).to.deep.equal([]);
    });

    onDisk('refuses to start with MEDIA_REDIRECT=presigned, naming the variable', async () => {
      const refused = await testRuntime({ env: { ...env, MEDIA_REDIRECT: 'presigned' } }).then(
        () => null,
        (error: Error) => error,
      );
      expect(refused?.message).to.match(/MEDIA_REDIRECT: presigned needs objects in S3/);
    });

    onS3('MEDIA_REDIRECT=presigned: content and thumbnails redirect to the store after the visibility check', async () => {
      if (!s3) throw new Error('S3 only');
      await runtime.close();
      await start({ MEDIA_REDIRECT: 'presigned', MEDIA_REDIRECT_TTL: '2m' });
      const bytes = await anImage('png');
      const ticket = await ticketFor(bytes);
      await send(ticket, bytes);
      const { body: image } = await commit(ticket);

      const redirect = await request(app).get(api(`/images/${image.id}/content`));
      expect(redirect.status).to.equal(302);
      expect(redirect.headers).to.include({ etag: `"${image.sha256}"`, 'cache-control': 'public, max-age=60' });
      expect(new URL(redirect.headers.location!).origin).to.equal(new URL(s3.endpoint).origin);
      const fetched = await fetch(redirect.headers.location!);
      expect(fetched.status).to.equal(200);
      expect(Buffer.compare(Buffer.from(await fetched.arrayBuffer()), bytes)).to.equal(0);
      expect(fetched.headers.get('content-type')).to.equal('image/png');
      const thumb = await request(app).get(api(`/images/${image.id}/thumbnail`));
      expect(thumb.status).to.equal(302);
      expect((await fetch(thumb.headers.location!)).headers.get('content-type')).to.equal('image/webp');
      expect((await request(app).get(api(`/images/${image.id}/content`)).set('If-None-Match', `"${image.sha256}"`)).status).to.equal(304);

      // Drafts stay private: nobody else gets a URL, the owner gets one nobody keeps.
      expect((await auth(request(app).patch(api(`/themes/${themeId}`))).send({ status: 'draft' })).status).to.equal(200);
      expect((await request(app).get(api(`/images/${image.id}/content`))).status).to.equal(404);
      const own = await auth(request(app).get(api(`/images/${image.id}/content`)));
      expect(own.status).to.equal(302);
      expect(own.headers['cache-control']).to.equal('private, no-store');
    });

    onS3('sets a lifecycle rule on staging/ when it creates the bucket, where the store takes one', async () => {
      const fresh = new S3ObjectStore({ ...(await freshS3Settings()) });
      try {
        const setup = await fresh.ensureBucket();
        expect(setup.created).to.equal(true);
        // MinIO takes the rule; s3rver answers NotImplemented, and the bucket is made all the same.
        if (setup.created && setup.stagingExpiry === 'refused') expect(setup.reason).to.match(/NotImplemented/);
        else expect(setup).to.deep.equal({ created: true, stagingExpiry: 'set' });
        await fresh.checkReady();
        expect(await fresh.ensureBucket()).to.deep.equal({ created: false });
      } finally {
        fresh.close();
      }
    });
  });

function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
