import type { Actor } from '../actor.ts';
import type { Auditor } from '../audit/auditor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { ObjectJanitor } from '../media/object-janitor.ts';
import type { Clock } from '../ports/clock.ts';
import type { ImageRepo } from '../ports/image-repo.ts';
import type { ObjectCleanup } from '../ports/object-cleanup.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import type { Transaction } from '../ports/transaction.ts';
import { findVisibleTheme, requireCanChange } from './theme-access.ts';
import { recordThemeChange } from './theme-events.ts';

/** The theme and its image rows go in one transaction that schedules their objects; the objects go after. */
export class DeleteTheme {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly images: ImageRepo,
    private readonly cleanup: ObjectCleanup,
    private readonly janitor: ObjectJanitor,
    private readonly audit: Auditor,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, id: string): Promise<void> {
    const theme = await findVisibleTheme(this.themes, actor, id);
    requireCanChange(actor, theme);
    const keys = await this.tx.run(async () => {
      // Locks the theme, so no upload can slip an image in between listing and deleting.
      await this.images.lockThemeAndCount(theme.id);
      const keys = (await this.images.listByTheme(theme.id)).flatMap((image) => image.keys());
      await this.cleanup.schedule(keys, this.clock.now());
      await this.themes.delete(theme.id);
      await recordThemeChange(this.events, actor, theme, null);
      // A moderator removing someone else's theme is recorded; owners tidying their own are not.
      if (actor.kind !== 'user' || actor.userId !== theme.ownerId)
        await this.audit.record(actor, 'theme.deleted', { type: 'theme', id: theme.id }, { ownerId: theme.ownerId, name: theme.name, slug: theme.slug });
      return keys;
    });
    await this.janitor.purge(keys);
  }
}
