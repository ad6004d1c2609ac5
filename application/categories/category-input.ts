import { z } from 'zod';
import { SLUG_PATTERN } from '../../domain/themes/slug.ts';
import { text } from '../validation.ts';

const fields = {
  name: text().trim().min(1).max(64),
  slug: text().trim().toLowerCase().max(64).regex(SLUG_PATTERN, 'must be lower-case words of a-z and 0-9 joined by single hyphens'),
  description: text().trim().max(500),
};

export const CreateCategoryInput = z.strictObject({ ...fields, slug: fields.slug.optional(), description: fields.description.default('') });
export const UpdateCategoryInput = z.strictObject(fields).partial();
