import type { ThemeState } from '../../domain/themes/theme.ts';
import type { Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Audience, EventType } from '../ports/event-log.ts';

type ThemeSide = Pick<ThemeState, 'id' | 'ownerId' | 'slug' | 'name' | 'status' | 'version'>;

/**
 * Who may learn of a change to a theme: everyone when it was or is published (public lists show it
 * or must drop it), otherwise its owner and the moderators, who alone see drafts.
 */
export function themeAudience(...sides: (Pick<ThemeState, 'status'> | null)[]): Audience {
  return sides.some((side) => side?.status === 'published') ? 'public' : 'owner-and-moderators';
}

/**
 * Records a theme's creation (`before` null), deletion (`after` null), publication, unpublication or
 * other change, with whether it was visible to the public before and after and whether someone
 * other than its owner (a moderator) did it. A theme that leaves the public eye is named as it was.
 */
export function recordThemeChange(events: EventRecorder, actor: Actor, before: ThemeSide | null, after: ThemeSide | null): Promise<void> {
  const theme = (after ?? before)!;
  const visibleBefore = before?.status === 'published';
  const visibleAfter = after?.status === 'published';
  const type: EventType = !before
    ? 'theme.created'
    : !after
      ? 'theme.deleted'
      : visibleAfter && !visibleBefore
        ? 'theme.published'
        : visibleBefore && !visibleAfter
          ? 'theme.unpublished'
          : 'theme.updated';
  const named = visibleAfter || !before ? theme : before;
  return events.record(actor, type, { themeId: theme.id, userId: theme.ownerId }, themeAudience(before, after), {
    slug: named.slug,
    name: named.name,
    version: theme.version,
    visibleBefore,
    visibleAfter,
    byModerator: actor.kind === 'user' && actor.userId !== theme.ownerId,
  });
}
