import { Unauthenticated } from '../../domain/errors.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { recordAvatarChange } from './avatar-events.ts';
import type { ObjectJanitor } from './object-janitor.ts';

/** Removes the caller's avatar, if any: idempotent. */
export class DeleteAvatar {
  constructor(
    private readonly users: UserRepo,
    private readonly images: ImageRepo,
    private readonly cleanup: ObjectCleanup,
    private readonly events: EventRecorder,
    private readonly janitor: ObjectJanitor,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor): Promise<void> {
    const { userId } = requireUser(actor);
    const keys = await this.tx.run(async () => {
      const user = await this.users.findById(userId);
      if (!user) throw new Unauthenticated();
      if (!user.avatar) return [];
      const image = await this.images.findById(user.avatar.id);
      user.setAvatar(null, this.clock.now());
      await this.users.update(user);
      await recordAvatarChange(this.events, actor, user);
      if (!image) return [];
      await this.images.delete(image.id);
      await this.cleanup.schedule(image.keys(), this.clock.now());
      return image.keys();
    });
    await this.janitor.purge(keys);
  }
}
