import { Forbidden, NotFound, Unauthenticated } from '../../domain/errors.ts';
import type { Theme } from '../../domain/themes/theme.ts';
import { can, type Actor } from '../actor.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { parsePathKey } from '../validation.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function viewerOf(actor: Actor): { userId: string | null; moderates: boolean } {
  return { userId: actor.kind === 'user' ? actor.userId : null, moderates: can(actor, 'themes:moderate') };
}

/** The theme, if the actor may see it; a draft of someone else is as good as missing (404). */
export async function findVisibleTheme(themes: ThemeRepo, actor: Actor, idOrSlug: string): Promise<Theme> {
  const key = parsePathKey(idOrSlug, 'theme');
  const theme = UUID.test(key) ? await themes.findById(key) : await themes.findBySlug(key);
  if (!theme || !theme.isVisibleTo(viewerOf(actor))) throw new NotFound('theme');
  return theme;
}

/** Owners change their own themes; moderators and admins change any. */
export function requireCanChange(actor: Actor, theme: Theme): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'anonymous') throw new Unauthenticated();
  if (actor.userId !== theme.ownerId && !can(actor, 'themes:moderate')) throw new Forbidden('only the owner, a moderator or an admin may change this theme');
}
