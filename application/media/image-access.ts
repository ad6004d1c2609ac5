import { Forbidden, NotFound } from '../../domain/errors.ts';
import type { Image } from '../../domain/images/image.ts';
import type { Theme } from '../../domain/themes/theme.ts';
import { can, requireUser, type Actor } from '../actor.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { findVisibleTheme, requireCanChange } from '../themes/theme-access.ts';

export type VisibleImage = { image: Image; theme: Theme | null };

/** An image is visible as its theme is; avatars are public. */
export async function findVisibleImage(images: ImageRepo, themes: ThemeRepo, actor: Actor, id: string): Promise<VisibleImage> {
  const image = await images.findById(id);
  if (!image) throw new NotFound('image');
  if (!image.themeId) return { image, theme: null };
  try {
    return { image, theme: await findVisibleTheme(themes, actor, image.themeId) };
  } catch (error) {
    if (error instanceof NotFound) throw new NotFound('image');
    throw error;
  }
}

/** Theme images change with their theme; an avatar only by its owner or an admin. */
export function requireCanChangeImage(actor: Actor, { image, theme }: VisibleImage): void {
  if (theme) return requireCanChange(actor, theme);
  if (actor.kind === 'system') return;
  if (requireUser(actor).userId !== image.ownerId && !can(actor, 'users:manage')) throw new Forbidden();
}
