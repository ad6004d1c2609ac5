import { z } from 'zod';
import { COLOR_NAME_MAX, COLOR_ROLES, HEX_PATTERN } from '../../domain/themes/color.ts';
import { MAX_COLORS, MAX_TAGS, MIN_COLORS, TAG_MAX, TAG_PATTERN, THEME_STATUSES } from '../../domain/themes/theme.ts';
import { text } from '../validation.ts';

/** `#RRGGBB`, any case; lower-cased. */
export const hexField = text().trim().toLowerCase().regex(HEX_PATTERN, 'must be a #RRGGBB colour');

export const ColorInput = z.strictObject({
  name: text().trim().min(1).max(COLOR_NAME_MAX),
  hex: hexField,
  role: z.enum(COLOR_ROLES).optional(),
});

export const tagField = text().trim().toLowerCase().regex(TAG_PATTERN, `must be 1–${TAG_MAX} of a-z, 0-9 and -`);

const content = {
  name: text().trim().min(1).max(80),
  description: text().max(2000),
  categoryId: z.uuid().nullable(),
  colors: z.array(ColorInput).min(MIN_COLORS).max(MAX_COLORS),
  /** Lower-cased and de-duplicated, order kept. */
  tags: z
    .array(tagField)
    .transform((tags) => [...new Set(tags)])
    .refine((tags) => tags.length <= MAX_TAGS, `at most ${MAX_TAGS} distinct tags`),
  status: z.enum(THEME_STATUSES),
};

export const CreateThemeInput = z.strictObject({
  ...content,
  description: content.description.default(''),
  categoryId: content.categoryId.optional(),
  tags: content.tags.default([]),
  status: content.status.default('draft'),
});

export const UpdateThemeInput = z.strictObject(content).partial();
