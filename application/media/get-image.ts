import type { Image } from '../../domain/images/image.ts';
import type { Actor } from '../actor.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { findVisibleImage } from './image-access.ts';

export class GetImage {
  constructor(
    private readonly images: ImageRepo,
    private readonly themes: ThemeRepo,
  ) {}

  async execute(actor: Actor, id: string): Promise<Image> {
    return (await findVisibleImage(this.images, this.themes, actor, id)).image;
  }
}
