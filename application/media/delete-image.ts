import type { Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { findVisibleImage, requireCanChangeImage } from './image-access.ts';
import { themeAudience } from '../themes/theme-events.ts';
import { recordAvatarChange } from './avatar-events.ts';
import type { ObjectJanitor } from './object-janitor.ts';

/** The row goes in a transaction that schedules its objects; the objects go after it commits. */
export class DeleteImage {
  constructor(
    private readonly images: ImageRepo,
    private readonly themes: ThemeRepo,
    private readonly users: UserRepo,
    private readonly cleanup: ObjectCleanup,
    private readonly events: EventRecorder,
    private readonly janitor: ObjectJanitor,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, id: string): Promise<void> {
    const visible = await findVisibleImage(this.images, this.themes, actor, id);
    requireCanChangeImage(actor, visible);
    const { image, theme } = visible;
    await this.tx.run(async () => {
      if (image.kind === 'avatar') {
        const owner = await this.users.findById(image.ownerId);
        if (owner?.avatar?.id === image.id) {
          owner.setAvatar(null, this.clock.now());
          await this.users.update(owner);
          await recordAvatarChange(this.events, actor, owner);
        }
      }
      await this.images.delete(image.id);
      if (theme) await this.events.record(actor, 'image.removed', { themeId: theme.id, userId: theme.ownerId, imageId: image.id }, themeAudience(theme), { kind: image.kind });
      await this.cleanup.schedule(image.keys(), this.clock.now());
    });
    await this.janitor.purge(image.keys());
  }
}
