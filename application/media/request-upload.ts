import { z } from 'zod';
import { PayloadTooLarge, ValidationFailed } from '../../domain/errors.ts';
import { ALT_MAX, IMAGE_KINDS } from '../../domain/images/image.ts';
import { IMAGE_TYPES } from '../../domain/images/sniff.ts';
import { UploadTicket } from '../../domain/images/upload-ticket.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { DirectUploads, UploadDestination, UploadPermit } from '../ports/direct-uploads.ts';
import type { Ids } from '../ports/ids.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UploadTicketRepo } from '../ports/upload-ticket-repo.ts';
import { parseInput, text } from '../validation.ts';
import type { ImageTarget } from './image-storer.ts';
import type { ThemeImages } from './theme-images.ts';

export const RequestUploadInput = z.strictObject({
  kind: z.enum(IMAGE_KINDS).optional(),
  alt: text().trim().max(ALT_MAX).default(''),
  size: z.int('must be a whole number of bytes').min(1, 'must be at least 1 byte'),
  contentType: z.enum(IMAGE_TYPES, 'must be image/png, image/jpeg or image/webp'),
});

export type DirectUploadSettings = { maxBytes: number; ticketTtlSeconds: number };
export type IssuedTicket = { ticket: UploadTicket; destination: UploadDestination };

/**
 * How long a staging object may outlive its ticket before the janitor deletes it: an upload begun
 * just before expiry may still be arriving, a commit begun just before may still be reading it.
 */
const STAGING_GRACE_SECONDS = 3600;

export function permitOf(ticket: UploadTicket): UploadPermit {
  return { ticketId: ticket.id, key: ticket.stagingKey, maxBytes: ticket.size, expiresAt: ticket.expiresAt };
}

/**
 * Leave to send an image straight to the object store, with the checks of a streamed upload (who
 * may, room for it, at most MAX_UPLOAD_BYTES). The staging key is scheduled for deletion when the
 * ticket is recorded, so whatever is sent and never committed goes, even if nobody calls again.
 */
export class RequestUpload {
  constructor(
    private readonly themeImages: ThemeImages,
    private readonly tickets: UploadTicketRepo,
    private readonly uploads: DirectUploads,
    private readonly cleanup: ObjectCleanup,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly tx: Transaction,
    private readonly settings: DirectUploadSettings,
  ) {}

  /** `place`: a theme (for a cover or a preview), or 'avatar' (the caller's). */
  async execute(actor: Actor, place: { themeId: string } | 'avatar', raw: unknown): Promise<IssuedTicket> {
    const { userId } = requireUser(actor);
    const input = parseInput(RequestUploadInput, raw);
    if (input.size > this.settings.maxBytes) throw new PayloadTooLarge(this.settings.maxBytes);
    const target = await this.targetOf(actor, userId, place, input);

    const now = this.clock.now();
    const ticket = UploadTicket.issue(
      { id: this.ids.next(), ownerId: userId, themeId: target.themeId, kind: target.kind, alt: target.alt, contentType: input.contentType, size: input.size },
      now,
      this.settings.ticketTtlSeconds,
    );
    await this.tx.run(async () => {
      await this.tickets.insert(ticket);
      await this.cleanup.schedule([ticket.stagingKey], new Date(ticket.expiresAt.getTime() + STAGING_GRACE_SECONDS * 1000));
    });
    return { ticket, destination: await this.uploads.destination(permitOf(ticket), input.contentType) };
  }

  private async targetOf(actor: Actor, userId: string, place: { themeId: string } | 'avatar', input: z.output<typeof RequestUploadInput>): Promise<ImageTarget> {
    if (place === 'avatar') {
      if (input.kind !== undefined && input.kind !== 'avatar') throw ValidationFailed.field('kind', 'must be avatar (or left out) for an avatar');
      if (input.alt) throw ValidationFailed.field('alt', 'avatars have no alt text');
      return { themeId: null, ownerId: userId, kind: 'avatar', alt: '' };
    }
    const kind = input.kind ?? 'preview';
    if (kind === 'avatar') throw ValidationFailed.field('kind', 'must be cover or preview for a theme');
    return this.themeImages.target(actor, place.themeId, { kind, alt: input.alt });
  }
}
