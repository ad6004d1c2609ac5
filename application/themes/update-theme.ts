import { ValidationFailed, VersionConflict } from '../../domain/errors.ts';
import { Theme } from '../../domain/themes/theme.ts';
import type { Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { CategoryRepo } from '../ports/category-repo.ts';
import type { Clock } from '../ports/clock.ts';
import type { ThemeCatalog, ThemeView } from '../ports/theme-catalog.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import type { Transaction } from '../ports/transaction.ts';
import { parseInput } from '../validation.ts';
import { withUniqueSlug } from './slugs.ts';
import { findVisibleTheme, requireCanChange, viewOf } from './theme-access.ts';
import { recordThemeChange } from './theme-events.ts';
import { UpdateThemeInput } from './theme-input.ts';

export { UpdateThemeInput };

const RETRIES_WITHOUT_PRECONDITION = 3;

/**
 * Changes a theme. With `expectedVersion` (If-Match) a stale version is refused; without it, a
 * concurrent change is merged by re-reading and re-applying, never silently overwritten.
 */
export class UpdateTheme {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly categories: CategoryRepo,
    private readonly catalog: ThemeCatalog,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, id: string, raw: unknown, expectedVersion?: number): Promise<ThemeView> {
    const input = parseInput(UpdateThemeInput, raw);
    if (input.categoryId && !(await this.categories.findById(input.categoryId))) throw ValidationFailed.field('categoryId', 'no such category');
    for (let attempt = 0; ; attempt++) {
      const theme = await findVisibleTheme(this.themes, actor, id);
      requireCanChange(actor, theme);
      const before = theme.toState();
      // One transaction per write attempt (a slug taken meanwhile sends it round again, from the
      // theme as it was read, so the version grows once): the row and its event commit together.
      const write = (changes: typeof input & { slug?: string }) =>
        this.tx.run(async () => {
          const edited = Theme.restore(before);
          if (!edited.edit(changes, this.clock.now(), expectedVersion)) return;
          await this.themes.update(edited, before.version);
          await recordThemeChange(this.events, actor, before, edited);
        });
      try {
        const renamed = input.name !== undefined && input.name !== theme.name;
        if (renamed) await withUniqueSlug(this.themes, input.name!, theme.slug, (slug) => write({ ...input, slug }));
        else await write(input);
        return viewOf(this.catalog, theme.id, actor);
      } catch (error) {
        if (!(error instanceof VersionConflict) || expectedVersion !== undefined || attempt >= RETRIES_WITHOUT_PRECONDITION) throw error;
      }
    }
  }
}
