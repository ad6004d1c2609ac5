import { expect } from 'chai';
import { readdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { CommitUpload } from '../../application/media/commit-upload.ts';
import { ObjectJanitor } from '../../application/media/object-janitor.ts';
import { PruneUploadTickets } from '../../application/media/prune-upload-tickets.ts';
import { RequestUpload } from '../../application/media/request-upload.ts';
import type { ImageRepo } from '../../application/ports/image-repo.ts';
import type { UploadTicketRepo } from '../../application/ports/upload-ticket-repo.ts';
import { CreateTheme } from '../../application/themes/create-theme.ts';
import { DeleteTheme } from '../../application/themes/delete-theme.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { TYPES } from '../../bootstrap/tokens.ts';
import type { UploadTicket } from '../../domain/images/upload-ticket.ts';
import { aMember, type Member } from '../support/actors.ts';
import { rejectionOf } from '../support/expect-error.ts';
import { FaultyObjectStore } from '../support/faulty-object-store.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { anImage } from '../support/images.ts';
import { testRuntime } from '../support/runtime.ts';

const TTL = 300;
const GRACE = 3600;

/** A store that can run something when a put or a copy begins, and tells what was sent to it and read from it. */
class WatchedStore extends FaultyObjectStore {
  onPut: ((key: string) => Promise<void>) | null = null;
  onCopy: (() => Promise<void>) | null = null;
  pulled = 0;
  readonly putKeys: string[] = [];

  override async put(key: string, body: AsyncIterable<Uint8Array>, meta: { contentType: string }): Promise<number> {
    const hook = this.onPut;
    this.onPut = null;
    await hook?.(key);
    this.putKeys.push(key);
    return super.put(key, body, meta);
  }

  override async copy(from: string, to: string, meta: { contentType: string; version: string }): Promise<boolean> {
    const hook = this.onCopy;
    this.onCopy = null;
    await hook?.();
    return super.copy(from, to, meta);
  }

  override async get(key: string) {
    const stored = await super.get(key);
    if (!stored) return null;
    const parts: Buffer[] = [];
    for await (const part of stored.body) parts.push(Buffer.from(part));
    const whole = Buffer.concat(parts);
    const count = (n: number) => (this.pulled += n);
    // Served in 64 KiB chunks, pulled one at a time, as a network stream is.
    async function* chunks() {
      for (let at = 0; at < whole.length; at += 65536) {
        const chunk = whole.subarray(at, at + 65536);
        count(chunk.length);
        yield chunk;
      }
    }
    return { ...stored, body: chunks() };
  }
}

describe('direct uploads: commit (use-cases on memory adapters, faults injected)', () => {
  let runtime: Runtime;
  let clock: FixedClock;
  let store: WatchedStore;
  let owner: Member;
  let themeId: string;
  const get = <T>(id: new (...args: never[]) => T): T => runtime.container.get(id as never);
  const images = () => runtime.container.get<ImageRepo>(TYPES.ImageRepo);
  const tickets = () => runtime.container.get<UploadTicketRepo>(TYPES.UploadTicketRepo);
  /** A ticket for the theme, and the bytes "sent" to its staging key as a client would. */
  const sent = async (bytes: Buffer, kind = 'preview'): Promise<UploadTicket> => {
    const { ticket } = await get(RequestUpload).execute(owner.actor, { themeId }, { kind, size: bytes.length, contentType: 'image/png' });
    await store.put(ticket.stagingKey, Readable.from([bytes]), { contentType: 'image/png' });
    return ticket;
  };
  const commit = (ticket: UploadTicket) => get(CommitUpload).execute(owner.actor, ticket.id);
  const sweepLater = async (seconds: number) => {
    clock.advance(seconds);
    return get(ObjectJanitor).sweep();
  };

  beforeEach(async () => {
    clock = new FixedClock();
    store = new WatchedStore();
    runtime = await testRuntime({ clock, objectStore: store });
    owner = await aMember(runtime, 'owner');
    themeId = (await get(CreateTheme).execute(owner.actor, { name: 'Ocean', colors: [{ name: 'x', hex: '#000000' }], status: 'published' })).theme.id;
  });
  afterEach(() => runtime.close());

  it('sniffs the first bytes from the store and stops there: a large text file is refused having read one chunk', async () => {
    const text = Buffer.alloc(2 * 1024 * 1024, 'not an image at all. ');
    const ticket = await sent(text);
    expect((await rejectionOf(commit(ticket))).code).to.equal('unsupported_media_type');
    expect(store.pulled).to.be.at.most(2 * 65536);
    expect(store.keys()).to.deep.equal([]);
    expect(await readdir(runtime.staging.dir)).to.deep.equal([]);
  });

  it('copies the original within the store rather than sending it back; bytes sent again since it read them are not copied', async () => {
    const png = await anImage('png');
    const image = await commit(await sent(png));
    expect(store.putKeys.filter((k) => k.startsWith('themes/'))).to.deep.equal([image.thumbnailKey]);

    // The ticket's URL takes a new file until it expires: one sent after the checks read the old is never what gets stored.
    const ticket = await sent(png);
    store.onCopy = () => store.put(ticket.stagingKey, Readable.from([Buffer.from('swapped after the checks')]), { contentType: 'image/png' }).then(() => undefined);
    const checked = await commit(ticket);
    const stored = await store.get(checked.objectKey);
    const parts: Buffer[] = [];
    for await (const part of stored!.body) parts.push(Buffer.from(part));
    expect(Buffer.compare(Buffer.concat(parts), png)).to.equal(0);
  });

  it('refuses bytes over the declared size at commit too (413), and deletes them: a store that ignores the policy gains nothing', async () => {
    const png = await anImage('png');
    const { ticket } = await get(RequestUpload).execute(owner.actor, { themeId }, { size: png.length - 1, contentType: 'image/png' });
    await store.put(ticket.stagingKey, Readable.from([png]), { contentType: 'image/png' });
    expect((await rejectionOf(commit(ticket))).code).to.equal('payload_too_large');
    expect(store.keys()).to.deep.equal([]);
  });

  it('a commit losing a race with the theme’s deletion records nothing, and leaves nothing once the janitor ran', async () => {
    const ticket = await sent(await anImage('png'));
    // The deletion commits while the commit writes its objects, before it records the image.
    store.onPut = async () => void (await get(DeleteTheme).execute(owner.actor, themeId));
    expect((await rejectionOf(commit(ticket))).code).to.equal('not_found');
    expect(await images().listOwnedBy(owner.id)).to.deep.equal([]);
    expect(store.keys()).to.deep.equal([ticket.stagingKey]);
    await sweepLater(TTL + GRACE);
    expect(store.keys()).to.deep.equal([]);
  });

  it('commits and theme deletions started together leave no row and, after the janitor, no object', async () => {
    const ticketsSent = [await sent(await anImage('png')), await sent(await anImage('png'))];
    const results = await Promise.allSettled([commit(ticketsSent[0]!), get(DeleteTheme).execute(owner.actor, themeId), commit(ticketsSent[1]!)]);
    expect(results[1].status).to.equal('fulfilled');
    expect(await images().listOwnedBy(owner.id)).to.deep.equal([]);
    await sweepLater(TTL + GRACE);
    expect(store.keys()).to.deep.equal([]);
  });

  it('a crash between writing the objects and recording them is swept up: the objects after their grace, the staged bytes after the ticket’s', async () => {
    const ticket = await sent(await anImage('png'));
    const repo = images();
    repo.insert = async () => {
      throw new Error('power cut');
    };
    store.failOn('deleteMany', 1, true);
    store.failOn('delete', 1, true);
    await rejectionOf(commit(ticket));
    expect(store.keys()).to.have.length(3);
    store.heal();
    expect(await sweepLater(TTL)).to.equal(0);
    expect(await sweepLater(GRACE - TTL + 1)).to.equal(2);
    expect(store.keys()).to.deep.equal([ticket.stagingKey]);
    await sweepLater(TTL);
    expect(store.keys()).to.deep.equal([]);
    expect((await tickets().findById(ticket.id))!.imageId).to.equal(null);
  });

  it('a failure recording the ticket rolls the image back with it; the bytes stay, so the commit can be retried', async () => {
    const ticket = await sent(await anImage('png'));
    const repo = tickets();
    const save = repo.save.bind(repo);
    repo.save = async () => {
      throw new Error('injected failure');
    };
    expect((await rejectionOf(commit(ticket))).message).to.equal('injected failure');
    expect(await images().listOwnedBy(owner.id)).to.deep.equal([]);
    expect(store.keys()).to.deep.equal([ticket.stagingKey]);
    repo.save = save;
    const image = await commit(ticket);
    expect(store.keys().sort()).to.deep.equal(image.keys().sort());
  });

  it('two commits of one ticket at once answer the same image; the loser’s objects go', async () => {
    const ticket = await sent(await anImage('png'));
    const [a, b] = await Promise.all([commit(ticket), commit(ticket)]);
    expect(a.id).to.equal(b.id);
    expect((await images().listOwnedBy(owner.id)).map((i) => i.id)).to.deep.equal([a.id]);
    expect(store.keys().sort()).to.deep.equal(a.keys().sort());
  });

  it('forgets tickets a day after they expire; their committed image stays', async () => {
    const ticket = await sent(await anImage('png'));
    const image = await commit(ticket);
    const other = await sent(await anImage('png'));
    clock.advance(TTL + 86_400 - 1);
    expect(await get(PruneUploadTickets).execute()).to.equal(0);
    clock.advance(2);
    expect(await get(PruneUploadTickets).execute()).to.equal(2);
    expect((await rejectionOf(commit(other))).code).to.equal('not_found');
    expect(await images().findById(image.id)).to.not.equal(null);
  });
});
