import type { Image } from '../../domain/images/image.ts';
import type { Actor } from '../actor.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { findVisibleTheme } from '../themes/theme-access.ts';

export class ListThemeImages {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly images: ImageRepo,
  ) {}

  async execute(actor: Actor, themeId: string): Promise<Image[]> {
    const theme = await findVisibleTheme(this.themes, actor, themeId);
    return this.images.listByTheme(theme.id);
  }
}
