import { Aggregate } from '../aggregate.ts';
import { UploadExpired } from '../errors.ts';
import type { ImageKind } from './image.ts';
import type { ImageType } from './sniff.ts';

/** What a ticket holds, as adapters store it. */
export type UploadTicketState = {
  id: string;
  /** The user who asked for it: the only one who may commit it. */
  ownerId: string;
  /** The theme the image is for; null for an avatar. */
  themeId: string | null;
  kind: ImageKind;
  alt: string;
  /** As declared by the client: the bytes decide at commit. */
  contentType: ImageType;
  /** The declared size: the store takes no more. */
  size: number;
  createdAt: Date;
  /** Whole seconds, so that a signature over it survives a round trip through a URL. */
  expiresAt: Date;
  /** The image its commit recorded, answered again to a replayed commit. */
  imageId: string | null;
};

/**
 * Leave to send one image straight to the object store, under a staging key, before `expiresAt`;
 * then to commit it: the server reads the bytes there and, if they are an image, records it.
 */
export class UploadTicket extends Aggregate<UploadTicketState>() {
  static issue(props: Omit<UploadTicketState, 'createdAt' | 'expiresAt' | 'imageId'>, now: Date, ttlSeconds: number): UploadTicket {
    const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + ttlSeconds * 1000);
    return new UploadTicket({ ...props, createdAt: now, expiresAt, imageId: null });
  }

  static restore(state: UploadTicketState): UploadTicket {
    return new UploadTicket(state);
  }

  /** Where the client's bytes wait for the commit; made from the ticket's id, never from client input. */
  get stagingKey(): string {
    return UploadTicket.stagingKeyOf(this.id);
  }

  static stagingKeyOf(ticketId: string): string {
    return `staging/${ticketId}`;
  }

  /** Throws UploadExpired once the ticket may no longer be used for a new commit. */
  requireUsable(now: Date): void {
    if (now >= this.expiresAt) throw new UploadExpired();
  }

  commit(imageId: string): void {
    this.change({ imageId });
  }
}
