import { ValidationFailed, VersionConflict } from '../../domain/errors.ts';
import { Theme } from '../../domain/themes/theme.ts';
import type { Actor } from '../actor.ts';
import type { CategoryRepo } from '../ports/category-repo.ts';
import type { Clock } from '../ports/clock.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { parseInput } from '../validation.ts';
import { withUniqueSlug } from './slugs.ts';
import { findVisibleTheme, requireCanChange } from './theme-access.ts';
import { UpdateThemeInput } from './theme-input.ts';
import type { ThemeView, ThemeViews } from './theme-views.ts';

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
    private readonly views: ThemeViews,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, id: string, raw: unknown, expectedVersion?: number): Promise<ThemeView> {
    const input = parseInput(UpdateThemeInput, raw);
    if (input.categoryId && !(await this.categories.findById(input.categoryId))) throw ValidationFailed.field('categoryId', 'no such category');
    for (let attempt = 0; ; attempt++) {
      const theme = await findVisibleTheme(this.themes, actor, id);
      requireCanChange(actor, theme);
      // Each write edits the theme as it was read, so a slug retry changes the version once, not twice.
      const write = async (changes: typeof input & { slug?: string }) => {
        const edited = Theme.restore(theme.toState());
        if (edited.edit(changes, this.clock.now(), expectedVersion)) await this.themes.update(edited, theme.version);
        return edited;
      };
      try {
        const renamed = input.name !== undefined && input.name !== theme.name;
        const edited = renamed ? await withUniqueSlug(this.themes, input.name!, theme.slug, (slug) => write({ ...input, slug })) : await write(input);
        return this.views.one(edited, actor);
      } catch (error) {
        if (!(error instanceof VersionConflict) || expectedVersion !== undefined || attempt >= RETRIES_WITHOUT_PRECONDITION) throw error;
      }
    }
  }
}
