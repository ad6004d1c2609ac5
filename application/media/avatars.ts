import { Unauthenticated } from '../../domain/errors.ts';
import type { Image } from '../../domain/images/image.ts';
import type { User } from '../../domain/users/user.ts';
import type { Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { recordAvatarChange } from './avatar-events.ts';

/** A user's avatar, the same whichever way its bytes came. */
export class Avatars {
  constructor(
    private readonly users: UserRepo,
    private readonly images: ImageRepo,
    private readonly cleanup: ObjectCleanup,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
  ) {}

  /** In the upload's transaction: `image` becomes the owner's avatar; the previous one's row goes, its objects scheduled. */
  async set(actor: Actor, image: Image): Promise<{ user: User; previous: Image | null }> {
    const user = await this.users.findById(image.ownerId);
    if (!user) throw new Unauthenticated();
    const previous = user.avatar ? await this.images.findById(user.avatar.id) : null;
    if (previous) {
      await this.images.delete(previous.id);
      await this.cleanup.schedule(previous.keys(), this.clock.now());
    }
    await this.images.insert(image);
    user.setAvatar({ id: image.id, width: image.width, height: image.height }, this.clock.now());
    await this.users.update(user);
    await recordAvatarChange(this.events, actor, user);
    return { user, previous };
  }
}
