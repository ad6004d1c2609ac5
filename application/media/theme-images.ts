import { ImageLimitReached, NotFound } from '../../domain/errors.ts';
import type { Image } from '../../domain/images/image.ts';
import type { Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { Clock } from '../ports/clock.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { findVisibleTheme, requireCanChange } from '../themes/theme-access.ts';
import { themeAudience } from '../themes/theme-events.ts';
import type { ImageLimits, ImageTarget } from './image-storer.ts';

/**
 * The rules of a theme's images, the same whichever way the bytes came (streamed through the API,
 * or sent to the store and committed): who may add one, room for it, and a new cover replacing the old.
 */
export class ThemeImages {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly images: ImageRepo,
    private readonly cleanup: ObjectCleanup,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly limits: ImageLimits,
  ) {}

  /** Where the image goes, if the actor may put it there and there is room: checked early, to spare the decoding. */
  async target(actor: Actor, themeId: string, fields: { kind: 'cover' | 'preview'; alt: string }): Promise<ImageTarget> {
    const theme = await findVisibleTheme(this.themes, actor, themeId);
    requireCanChange(actor, theme);
    const summary = (await this.images.summariesOf([theme.id])).get(theme.id);
    this.checkLimit(summary?.count ?? 0, fields.kind === 'cover' && !!summary?.cover);
    return { themeId: theme.id, ownerId: theme.ownerId, kind: fields.kind, alt: fields.alt };
  }

  /**
   * In the upload's transaction: under the theme's lock, the limit again (uploads race), then the
   * image goes in; a cover it replaces goes out, its objects scheduled; the change is recorded.
   * Returns the replaced cover.
   */
  async add(actor: Actor, image: Image): Promise<Image | null> {
    const current = await this.images.lockThemeAndCount(image.themeId!);
    const theme = current.exists ? await this.themes.findById(image.themeId!) : null;
    if (!theme) throw new NotFound('theme');
    const replaced = image.kind === 'cover' ? current.cover : null;
    this.checkLimit(current.count, !!replaced);
    if (replaced) {
      await this.images.delete(replaced.id);
      await this.cleanup.schedule(replaced.keys(), this.clock.now());
    }
    await this.images.insert(image);
    await this.events.record(actor, 'image.added', { themeId: theme.id, userId: theme.ownerId, imageId: image.id }, themeAudience(theme), {
      kind: image.kind,
      replaced: replaced?.id ?? null,
    });
    return replaced;
  }

  private checkLimit(count: number, replacing: boolean): void {
    if (count - (replacing ? 1 : 0) >= this.limits.maxImagesPerTheme) throw new ImageLimitReached(this.limits.maxImagesPerTheme);
  }
}
