import { z } from 'zod';
import { CreateCategoryInput } from '../../application/categories/create-category.ts';
import { ALT_MAX } from '../../domain/images/image.ts';
import { CreateThemeInput } from '../../application/themes/create-theme.ts';
import { CreateUserInput } from '../../application/users/create-user.ts';
import { usernameField } from '../../application/users/fields.ts';
import { text } from '../../application/validation.ts';

/** A theme entry: the use-case's own input, with its owner and category named by username and slug. */
export const SeedTheme = CreateThemeInput.omit({ categoryId: true }).extend({
  owner: usernameField,
  category: text().trim().toLowerCase().min(1).optional(),
  images: z
    .array(z.strictObject({ file: text().min(1), kind: z.enum(['cover', 'preview']).default('preview'), alt: text().max(ALT_MAX).default('') }))
    .default([]),
});

export const SeedFile = z.strictObject({
  users: z.array(z.unknown()).default([]),
  categories: z.array(z.unknown()).default([]),
  themes: z.array(z.unknown()).default([]),
});

export type SeedUser = z.infer<typeof CreateUserInput>;
export type SeedCategory = z.infer<typeof CreateCategoryInput>;
export type SeedTheme = z.infer<typeof SeedTheme>;

export type SeedPlan = { users: SeedUser[]; categories: SeedCategory[]; themes: SeedTheme[] };

/** Every entry checked with the use-cases' own schemas; each error names its entry and field. */
export function parseSeedFile(document: unknown): { plan: SeedPlan; errors: string[] } {
  const errors: string[] = [];
  const top = SeedFile.safeParse(document ?? {});
  if (!top.success) return { plan: { users: [], categories: [], themes: [] }, errors: top.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`) };

  const section = <T>(name: string, entries: unknown[], schema: z.ZodType<T>, label: (raw: unknown) => string): T[] =>
    entries.flatMap((raw, i) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) return [parsed.data];
      for (const issue of parsed.error.issues) {
        const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
        errors.push(`${name}[${i}]${label(raw)}: ${field || '(entry)'}: ${issue.code === 'unrecognized_keys' ? 'is not an accepted field' : issue.message}`);
      }
      return [];
    });
  const named = (key: string) => (raw: unknown) => {
    const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' ? ` (${value})` : '';
  };
  return {
    plan: {
      users: section('users', top.data.users, CreateUserInput, named('username')),
      categories: section('categories', top.data.categories, CreateCategoryInput, named('name')),
      themes: section('themes', top.data.themes, SeedTheme, named('name')),
    },
    errors,
  };
}
