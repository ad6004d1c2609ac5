import { z } from 'zod';
import { Unauthenticated, UsernameTaken } from '../../domain/errors.ts';
import type { User } from '../../domain/users/user.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { Transaction } from '../ports/transaction.ts';
import type { UserRepo } from '../ports/user-repo.ts';
import { parseInput } from '../validation.ts';
import { bioField, displayNameField, usernameField } from './fields.ts';

/** Strict: role, status and email cannot be changed here. */
export const UpdateProfileInput = z.strictObject({
  displayName: displayNameField.optional(),
  bio: bioField.optional(),
  username: usernameField.optional(),
});

export class UpdateProfile {
  constructor(
    private readonly users: UserRepo,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<User> {
    const { userId } = requireUser(actor);
    const changes = parseInput(UpdateProfileInput, raw);
    const user = await this.users.findById(userId);
    if (!user) throw new Unauthenticated();
    if (changes.username !== undefined && changes.username !== user.username) {
      const holder = await this.users.findByUsername(changes.username);
      if (holder) throw new UsernameTaken();
    }
    user.updateProfile(changes, this.clock.now());
    await this.tx.run(async () => {
      await this.users.update(user);
      // Public: the name shows in theme views and the profile.
      await this.events.record(actor, 'user.profile_changed', { userId }, 'public', { username: user.username, displayName: user.displayName });
    });
    return user;
  }
}
