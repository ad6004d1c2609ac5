import type { User } from '../../domain/users/user.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { Avatars } from './avatars.ts';
import type { ImageStorer } from './image-storer.ts';
import type { Upload } from './upload.ts';

/** Sets the caller's avatar; the previous one (row and objects) goes. */
export class UploadAvatar {
  constructor(
    private readonly avatars: Avatars,
    private readonly storer: ImageStorer,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, upload: Upload): Promise<User> {
    const { userId } = requireUser(actor);
    const image = await this.storer.prepare(upload, { themeId: null, ownerId: userId, kind: 'avatar', alt: '' });
    const { user, previous } = await this.tx
      .run(async () => {
        const set = await this.avatars.set(actor, image);
        await this.storer.keep(image);
        return set;
      })
      .catch((error: unknown) => this.storer.abandon(image, error));
    await this.storer.dispose(previous);
    return user;
  }
}
