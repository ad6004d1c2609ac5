import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { SYSTEM, userActor } from '../../application/actor.ts';
import { CreateCategory } from '../../application/categories/create-category.ts';
import { UpdateCategory } from '../../application/categories/update-category.ts';
import { ListThemeImages } from '../../application/media/list-theme-images.ts';
import { UploadThemeImage } from '../../application/media/upload-theme-image.ts';
import type { CategoryRepo } from '../../application/ports/category-repo.ts';
import type { ThemeRepo } from '../../application/ports/theme-repo.ts';
import type { UserRepo } from '../../application/ports/user-repo.ts';
import { CreateTheme } from '../../application/themes/create-theme.ts';
import { UpdateTheme } from '../../application/themes/update-theme.ts';
import { CreateUser } from '../../application/users/create-user.ts';
import { slugify } from '../../domain/themes/slug.ts';
import type { Theme } from '../../domain/themes/theme.ts';
import type { Config } from '../config.ts';
import type { Runtime } from '../container.ts';
import { TYPES } from '../tokens.ts';
import type { SeedPlan, SeedTheme } from './seed-file.ts';

export type Outcome = 'created' | 'updated' | 'unchanged';
export type Tally = Record<'users' | 'categories' | 'themes' | 'images', Record<Outcome, number>>;
export type Progress = (done: number, total: number, what: string, outcome: Outcome) => void;

/**
 * Applies a validated seed plan through the use-cases, idempotently: users by email, categories by
 * slug, themes by owner and slug, images by sha256. A second run finds everything and changes nothing.
 */
export class Seeder {
  private readonly users: UserRepo;
  private readonly categories: CategoryRepo;
  private readonly themes: ThemeRepo;

  constructor(
    private readonly runtime: Runtime,
    private readonly config: Config,
    private readonly baseDir: string,
  ) {
    this.users = runtime.container.get<UserRepo>(TYPES.UserRepo);
    this.categories = runtime.container.get<CategoryRepo>(TYPES.CategoryRepo);
    this.themes = runtime.container.get<ThemeRepo>(TYPES.ThemeRepo);
  }

  /** Owners, categories and image files must exist, in the file or already in the database. */
  async checkReferences(plan: SeedPlan): Promise<string[]> {
    const errors: string[] = [];
    const usernames = new Set(plan.users.map((u) => u.username));
    const slugs = new Set(plan.categories.map((c) => c.slug ?? slugify(c.name, 'category')));
    for (const [i, theme] of plan.themes.entries()) {
      const at = `themes[${i}] (${theme.name})`;
      if (!usernames.has(theme.owner) && !(await this.runtime.scope(() => this.users.findByUsername(theme.owner))))
        errors.push(`${at}: owner: no user "${theme.owner}" in the file or the database`);
      if (theme.category && !slugs.has(theme.category) && !(await this.runtime.scope(() => this.categories.findBySlug(theme.category!))))
        errors.push(`${at}: category: no category "${theme.category}" in the file or the database`);
      for (const [j, image] of theme.images.entries()) {
        try {
          await access(path.resolve(this.baseDir, image.file));
        } catch {
          errors.push(`${at}: images.${j}.file: cannot read ${path.resolve(this.baseDir, image.file)}`);
        }
      }
    }
    return errors;
  }

  async apply(plan: SeedPlan, progress: Progress): Promise<Tally> {
    const tally = emptyTally();
    const total = plan.users.length + plan.categories.length + plan.themes.length;
    let done = 0;
    const step = async (kind: keyof Tally, what: string, work: () => Promise<Outcome>) => {
      const outcome = await this.runtime.scope(work);
      tally[kind][outcome] += 1;
      progress(++done, total, `${kind}: ${what}`, outcome);
    };

    for (const user of plan.users)
      await step('users', user.username, async () => {
        if (await this.users.findByEmail(user.email)) return 'unchanged';
        await this.runtime.container.get(CreateUser).execute(SYSTEM, user);
        return 'created';
      });

    for (const category of plan.categories)
      await step('categories', category.name, async () => {
        const existing = await this.categories.findBySlug(category.slug ?? slugify(category.name, 'category'));
        if (!existing) {
          await this.runtime.container.get(CreateCategory).execute(SYSTEM, category);
          return 'created';
        }
        if (existing.name === category.name && existing.description === category.description) return 'unchanged';
        await this.runtime.container.get(UpdateCategory).execute(SYSTEM, existing.id, { name: category.name, description: category.description });
        return 'updated';
      });

    for (const entry of plan.themes)
      await step('themes', entry.name, async () => {
        const seeded = await this.seedTheme(entry);
        for (const outcome of seeded.images) tally.images[outcome] += 1;
        return seeded.theme;
      });
    return tally;
  }

  private async seedTheme(entry: SeedTheme): Promise<{ theme: Outcome; images: Outcome[] }> {
    const owner = (await this.users.findByUsername(entry.owner))!;
    const actor = userActor(owner.id, owner.role);
    const category = entry.category ? await this.categories.findBySlug(entry.category) : null;
    const content = {
      name: entry.name,
      description: entry.description,
      categoryId: category?.id ?? null,
      colors: entry.colors,
      tags: entry.tags,
      status: entry.status,
    };

    const found = await this.findTheme(owner.id, entry.name);
    let outcome: Outcome = 'unchanged';
    let themeId = found?.id;
    if (!found) {
      themeId = (await this.runtime.container.get(CreateTheme).execute(actor, content)).theme.id;
      outcome = 'created';
    } else if (differs(found, content)) {
      await this.runtime.container.get(UpdateTheme).execute(actor, found.id, content);
      outcome = 'updated';
    }
    const theme = { id: themeId! };

    // A theme without images needs none: its swatch card serves as its cover.
    const existing = new Set((await this.runtime.container.get(ListThemeImages).execute(actor, theme.id)).map((i) => i.sha256));
    const outcomes: Outcome[] = [];
    for (const image of entry.images) {
      // Staged as uploads are, so the same checks hold (size, type, sha256).
      const staged = await this.runtime.staging.stage(createReadStream(path.resolve(this.baseDir, image.file)), this.config.uploads.maxBytes);
      try {
        if (existing.has(staged.sha256)) outcomes.push('unchanged');
        else {
          await this.runtime.container.get(UploadThemeImage).execute(actor, theme.id, staged, { kind: image.kind, alt: image.alt });
          outcomes.push('created');
        }
      } finally {
        await staged.dispose();
      }
    }
    return { theme: outcome, images: outcomes };
  }

  /** The owner's theme of that name: slugs are unique across owners, so look among `slug`, `slug-2`, … */
  private async findTheme(ownerId: string, name: string): Promise<Theme | null> {
    for (const slug of await this.themes.slugsLike(slugify(name))) {
      const theme = await this.themes.findBySlug(slug);
      if (theme?.ownerId === ownerId && theme.name === name) return theme;
    }
    return null;
  }
}

function differs(theme: Theme, content: { description: string; categoryId: string | null; colors: SeedTheme['colors']; tags: string[]; status: string }): boolean {
  // Field by field: stored JSON may order keys differently (PostgreSQL's jsonb does).
  const entries = (colors: readonly { name: string; hex: string; role?: string | null | undefined }[]) => colors.map((c) => [c.name, c.hex, c.role ?? null].join('\u0000'));
  return (
    theme.description !== content.description ||
    theme.categoryId !== content.categoryId ||
    theme.status !== content.status ||
    theme.tags.join('\u0000') !== content.tags.join('\u0000') ||
    entries(theme.colors).join('\u0001') !== entries(content.colors).join('\u0001')
  );
}

export function emptyTally(): Tally {
  const zero = () => ({ created: 0, updated: 0, unchanged: 0 });
  return { users: zero(), categories: zero(), themes: zero(), images: zero() };
}
