import { z } from 'zod';
import { ImageLimitReached, NotFound } from '../../domain/errors.ts';
import { ALT_MAX, type Image } from '../../domain/images/image.ts';
import type { Actor } from '../actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import type { Transaction } from '../ports/transaction.ts';
import { findVisibleTheme, requireCanChange } from '../themes/theme-access.ts';
import { parseInput } from '../validation.ts';
import type { ImageLimits, ImageStorer } from './image-storer.ts';
import type { Upload } from './upload.ts';

export const UploadThemeImageFields = z.strictObject({
  kind: z.enum(['cover', 'preview']).default('preview'),
  alt: z.string().trim().max(ALT_MAX).default(''),
});

/** Adds an image to a theme; a new cover replaces the old one (its row and objects go) in the same step. */
export class UploadThemeImage {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly images: ImageRepo,
    private readonly storer: ImageStorer,
    private readonly cleanup: ObjectCleanup,
    private readonly clock: Clock,
    private readonly tx: Transaction,
    private readonly limits: ImageLimits,
  ) {}

  async execute(actor: Actor, themeId: string, upload: Upload, rawFields: unknown): Promise<Image> {
    const fields = parseInput(UploadThemeImageFields, rawFields);
    const theme = await findVisibleTheme(this.themes, actor, themeId);
    requireCanChange(actor, theme);
    // Checked early to spare the decoding; checked again under the theme's lock below.
    const summary = (await this.images.summariesOf([theme.id])).get(theme.id);
    this.checkLimit(summary?.count ?? 0, fields.kind === 'cover' && !!summary?.cover);

    const image = await this.storer.prepare(upload, { themeId: theme.id, ownerId: theme.ownerId, kind: fields.kind, alt: fields.alt });
    const replaced = await this.tx
      .run(async () => {
        const current = await this.images.lockThemeAndCount(theme.id);
        if (!current.exists) throw new NotFound('theme');
        const replaced = fields.kind === 'cover' ? current.cover : null;
        this.checkLimit(current.count, !!replaced);
        if (replaced) {
          await this.images.delete(replaced.id);
          await this.cleanup.schedule(replaced.keys(), this.clock.now());
        }
        await this.images.insert(image);
        await this.storer.keep(image);
        return replaced;
      })
      .catch((error: unknown) => this.storer.abandon(image, error));
    await this.storer.dispose(replaced);
    return image;
  }

  private checkLimit(count: number, replacing: boolean): void {
    if (count - (replacing ? 1 : 0) >= this.limits.maxImagesPerTheme) throw new ImageLimitReached(this.limits.maxImagesPerTheme);
  }
}
