import { ValidationFailed } from '../../domain/errors.ts';
import { Theme } from '../../domain/themes/theme.ts';
import { requirePermission, requireUser, type Actor } from '../actor.ts';
import type { CategoryRepo } from '../ports/category-repo.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import { parseInput } from '../validation.ts';
import { CreateThemeInput } from './theme-input.ts';
import type { ThemeView, ThemeViews } from './theme-views.ts';
import { withUniqueSlug } from './slugs.ts';

export { CreateThemeInput };

export class CreateTheme {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly categories: CategoryRepo,
    private readonly views: ThemeViews,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<ThemeView> {
    requirePermission(actor, 'themes:create');
    const { userId } = requireUser(actor);
    const input = parseInput(CreateThemeInput, raw);
    if (input.categoryId && !(await this.categories.findById(input.categoryId))) throw ValidationFailed.field('categoryId', 'no such category');
    const id = this.ids.next();
    const theme = await withUniqueSlug(this.themes, input.name, null, async (slug) => {
      const created = Theme.create({ id, ownerId: userId, slug, ...input, categoryId: input.categoryId ?? null }, this.clock.now());
      await this.themes.insert(created);
      return created;
    });
    return this.views.one(theme, actor);
  }
}
