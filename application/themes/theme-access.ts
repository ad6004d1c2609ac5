import { Forbidden, NotFound, Unauthenticated } from '../../domain/errors.ts';
import type { Theme, Viewer } from '../../domain/themes/theme.ts';
import { can, type Actor } from '../actor.ts';
import type { ThemeCatalog, ThemeView } from '../ports/theme-catalog.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { parsePathKey } from '../validation.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function viewerOf(actor: Actor): Viewer {
  return { userId: viewerIdOf(actor) ?? null, moderates: can(actor, 'themes:moderate') };
}

/** Whose favourite flags a view carries: the signed-in user's. */
export function viewerIdOf(actor: Actor): string | undefined {
  return actor.kind === 'user' ? actor.userId : undefined;
}

/** A path's `idOrSlug`, normalised: a UUID names an id, anything else a slug (both case-insensitive); one no theme can have is not found. */
export function themeRef(idOrSlug: string): { id: string } | { slug: string } {
  const key = parsePathKey(idOrSlug, 'theme');
  return UUID.test(key) ? { id: key } : { slug: key };
}

/** The theme, if the actor may see it; a draft of someone else is as good as missing (404). */
export async function findVisibleTheme(themes: ThemeRepo, actor: Actor, idOrSlug: string): Promise<Theme> {
  const ref = themeRef(idOrSlug);
  const theme = 'id' in ref ? await themes.findById(ref.id) : await themes.findBySlug(ref.slug);
  if (!theme || !theme.isVisibleTo(viewerOf(actor))) throw new NotFound('theme');
  return theme;
}

/** Owners change their own themes; moderators and admins change any. */
export function requireCanChange(actor: Actor, theme: Theme): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'anonymous') throw new Unauthenticated();
  if (actor.userId !== theme.ownerId && !can(actor, 'themes:moderate')) throw new Forbidden('only the owner, a moderator or an admin may change this theme');
}

/** The view of a theme the actor just wrote, read back through the catalogue. */
export async function viewOf(catalog: ThemeCatalog, id: string, actor: Actor): Promise<ThemeView> {
  const view = await catalog.find({ id }, viewerIdOf(actor));
  if (!view) throw new NotFound('theme');
  return view;
}
