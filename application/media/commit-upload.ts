import { NotFound, PayloadTooLarge, UnsupportedMediaType, UploadMissing, ValidationFailed } from '../../domain/errors.ts';
import type { Image } from '../../domain/images/image.ts';
import type { UploadTicket } from '../../domain/images/upload-ticket.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UploadStaging, StagedUpload } from '../ports/upload-staging.ts';
import type { UploadTicketRepo } from '../ports/upload-ticket-repo.ts';
import type { Avatars } from './avatars.ts';
import type { ImageStorer, ImageTarget } from './image-storer.ts';
import type { ThemeImages } from './theme-images.ts';

/**
 * Turns what a client sent to the store with a ticket into an image, deciding what it is by its bytes
 * as a streamed upload does: they are copied from the store into local staging (checked as they
 * come: size, magic numbers; never whole in memory), decoded, and stored and recorded by the same
 * ImageStorer and rules. Bytes that are not an acceptable image are deleted from the store at once.
 * A replayed commit answers the image the first one recorded.
 */
export class CommitUpload {
  constructor(
    private readonly tickets: UploadTicketRepo,
    private readonly images: ImageRepo,
    private readonly themeImages: ThemeImages,
    private readonly avatars: Avatars,
    private readonly storer: ImageStorer,
    private readonly staging: UploadStaging,
    private readonly objects: ObjectStore,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, ticketId: string): Promise<Image> {
    const ticket = await this.ownTicket(actor, ticketId);
    if (ticket.imageId) return this.recorded(ticket.imageId);
    ticket.requireUsable(this.clock.now());
    const target = await this.targetOf(actor, ticket);

    let staged: StagedUpload;
    try {
      staged = await this.fetch(ticket);
    } catch (error) {
      // A commit of the same ticket that ran meanwhile consumed the staged object.
      const again = error instanceof UploadMissing ? await this.tickets.findById(ticket.id) : null;
      if (again?.imageId) return this.recorded(again.imageId);
      throw error;
    }
    try {
      const image = await this.storer.prepare(staged, target).catch((error: unknown) => this.discardRefused(ticket, error));
      const outcome = await this.tx
        .run(async () => {
          const locked = await this.tickets.lock(ticket.id);
          if (!locked) throw new NotFound('upload ticket');
          if (locked.imageId) return { recordedBefore: locked.imageId, replaced: null };
          const replaced = image.kind === 'avatar' ? (await this.avatars.set(actor, image)).previous : await this.themeImages.add(actor, image);
          await this.storer.keep(image);
          locked.commit(image.id);
          await this.tickets.save(locked);
          return { recordedBefore: null, replaced };
        })
        .catch((error: unknown) => this.storer.abandon(image, error));
      if (outcome.recordedBefore) {
        // Another commit of this ticket recorded its image first: ours was never kept.
        await this.storer.dispose(image);
        return this.recorded(outcome.recordedBefore);
      }
      await this.storer.dispose(outcome.replaced);
      // Gone now; its key stays scheduled, so bytes sent again with this ticket go when it expires.
      await this.objects.delete(ticket.stagingKey).catch(() => undefined);
      return image;
    } finally {
      await staged.dispose();
    }
  }

  /** Only who asked for the ticket may commit it; anyone else is told nothing about it. */
  private async ownTicket(actor: Actor, ticketId: string): Promise<UploadTicket> {
    const { userId } = requireUser(actor);
    const ticket = await this.tickets.findById(ticketId);
    if (!ticket || ticket.ownerId !== userId) throw new NotFound('upload ticket');
    return ticket;
  }

  /** The checks of the ticket's request, again: the theme may be gone, the caller's rights or the room changed. */
  private targetOf(actor: Actor, ticket: UploadTicket): Promise<ImageTarget> {
    if (ticket.kind === 'avatar') return Promise.resolve({ themeId: null, ownerId: ticket.ownerId, kind: 'avatar', alt: '' });
    return this.themeImages.target(actor, ticket.themeId!, { kind: ticket.kind, alt: ticket.alt });
  }

  /**
   * The staged object, copied locally through the checks. The store keeps it too: the original is
   * copied there rather than sent back, if it is still the version read (the ticket's URL lets the
   * client send again until it expires).
   */
  private async fetch(ticket: UploadTicket): Promise<StagedUpload> {
    const stored = await this.objects.get(ticket.stagingKey);
    if (!stored) throw new UploadMissing();
    const staged = await this.staging.stage(stored.body, ticket.size).catch((error: unknown) => this.discardRefused(ticket, error));
    return { ...staged, storedAs: { key: ticket.stagingKey, version: stored.version } };
  }

  /** Bytes refused for what they are (not an image, over the declared size or the pixel limit) will never do: delete them. */
  private async discardRefused(ticket: UploadTicket, error: unknown): Promise<never> {
    if (error instanceof UnsupportedMediaType || error instanceof PayloadTooLarge || error instanceof ValidationFailed)
      await this.objects.delete(ticket.stagingKey).catch(() => undefined);
    throw error;
  }

  private async recorded(imageId: string): Promise<Image> {
    const image = await this.images.findById(imageId);
    if (!image) throw new NotFound('image');
    return image;
  }
}
