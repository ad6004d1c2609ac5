import { ValidationFailed } from '../../domain/errors.ts';
import { Theme } from '../../domain/themes/theme.ts';
import { requirePermission, requireUser, type Actor } from '../actor.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { CategoryRepo } from '../ports/category-repo.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { ThemeCatalog, ThemeView } from '../ports/theme-catalog.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';
import type { Transaction } from '../ports/transaction.ts';
import { parseInput } from '../validation.ts';
import { CreateThemeInput } from './theme-input.ts';
import { withUniqueSlug } from './slugs.ts';
import { viewOf } from './theme-access.ts';
import { recordThemeChange } from './theme-events.ts';

export { CreateThemeInput };

export class CreateTheme {
  constructor(
    private readonly themes: ThemeRepo,
    private readonly categories: CategoryRepo,
    private readonly catalog: ThemeCatalog,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly tx: Transaction,
  ) {}

  async execute(actor: Actor, raw: unknown): Promise<ThemeView> {
    requirePermission(actor, 'themes:create');
    const { userId } = requireUser(actor);
    const input = parseInput(CreateThemeInput, raw);
    if (input.categoryId && !(await this.categories.findById(input.categoryId))) throw ValidationFailed.field('categoryId', 'no such category');
    const id = this.ids.next();
    // Each slug attempt is a transaction of its own: a refused insert ends the one it ran in.
    await withUniqueSlug(this.themes, input.name, null, (slug) =>
      this.tx.run(async () => {
        const theme = Theme.create({ id, ownerId: userId, slug, ...input, categoryId: input.categoryId ?? null }, this.clock.now());
        await this.themes.insert(theme);
        await recordThemeChange(this.events, actor, null, theme);
      }),
    );
    return viewOf(this.catalog, id, actor);
  }
}
