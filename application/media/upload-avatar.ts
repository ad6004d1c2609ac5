import { Unauthenticated } from '../../domain/errors.ts';
import type { User } from '../../domain/users/user.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import type { ImageStorer } from './image-storer.ts';
import type { Upload } from './upload.ts';

/** Sets the caller's avatar; the previous one (row and objects) goes. */
export class UploadAvatar {
  constructor(
    private readonly users: UserRepo,
    private readonly images: ImageRepo,
    private readonly storer: ImageStorer,
    private readonly cleanup: ObjectCleanup,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, upload: Upload): Promise<User> {
    const { userId } = requireUser(actor);
    const image = await this.storer.prepare(upload, { themeId: null, ownerId: userId, kind: 'avatar', alt: '' });
    const { user, previous } = await this.tx
      .run(async () => {
        const user = await this.users.findById(userId);
        if (!user) throw new Unauthenticated();
        const previous = user.avatar ? await this.images.findById(user.avatar.id) : null;
        if (previous) {
          await this.images.delete(previous.id);
          await this.cleanup.schedule(previous.keys(), this.clock.now());
        }
        await this.images.insert(image);
        await this.storer.keep(image);
        user.setAvatar({ id: image.id, width: image.width, height: image.height }, this.clock.now());
        await this.users.save(user);
        return { user, previous };
      })
      .catch((error: unknown) => this.storer.abandon(image, error));
    await this.storer.dispose(previous);
    return user;
  }
}
