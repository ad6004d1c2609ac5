import type { User } from '../../domain/users/user.ts';
import type { Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';

/** A new or removed avatar is a public change of the profile, told like a change of name. */
export function recordAvatarChange(events: EventRecorder, actor: Actor, user: User): Promise<void> {
  return events.record(actor, 'user.profile_changed', { userId: user.id }, 'public', {
    username: user.username,
    displayName: user.displayName,
    avatar: user.avatar?.id ?? null,
  });
}
