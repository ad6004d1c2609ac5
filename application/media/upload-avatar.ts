import { Unauthenticated } from '../../domain/errors.ts';
import type { User } from '../../domain/users/user.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { StagedUpload } from '../ports/image-processor.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import type { ImageStorer } from './image-storer.ts';

/** Sets the caller's avatar; the previous one (row and objects) goes. */
export class UploadAvatar {
  constructor(
    private readonly users: UserRepo,
    private readonly images: ImageRepo,
    private readonly storer: ImageStorer,
    private readonly cleanup: ObjectCleanup,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, upload: StagedUpload): Promise<User> {
    const { userId } = requireUser(actor);
    let updated: User | undefined;
    await this.storer.store(upload, { themeId: null, ownerId: userId, kind: 'avatar', alt: '' }, async (image) => {
      const user = await this.users.findById(userId);
      if (!user) throw new Unauthenticated();
      const previous = user.avatar ? await this.images.findById(user.avatar.id) : null;
      if (previous) {
        await this.images.delete(previous.id);
        await this.cleanup.schedule(previous.keys(), this.clock.now());
      }
      await this.images.insert(image);
      user.setAvatar({ id: image.id, width: image.width, height: image.height }, this.clock.now());
      await this.users.save(user);
      updated = user;
      return previous?.keys() ?? [];
    });
    return updated!;
  }
}
