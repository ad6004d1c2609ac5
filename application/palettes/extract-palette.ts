import { z } from 'zod';
import { SWATCH_COUNT, type Swatch } from '../../domain/color/extraction.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { Upload } from '../media/upload.ts';
import { parseInput } from '../validation.ts';
import type { PaletteSampler } from './palette-sampler.ts';

export const ExtractPaletteFields = z.strictObject({
  count: z.coerce
    .number()
    .int()
    .min(SWATCH_COUNT.min)
    .max(SWATCH_COUNT.max)
    .default(SWATCH_COUNT.default)
    .meta({ description: `how many swatches to find (${SWATCH_COUNT.min}–${SWATCH_COUNT.max}); fewer come back when the image has fewer distinct colours` }),
});

/**
 * The palette of an image a signed-in user sends: its main colours (largest share first), each with the share of
 * the image it covers and a suggested role. Nothing is stored. Requests are counted by ThrottleExtraction first.
 */
export class ExtractPalette {
  constructor(private readonly sampler: PaletteSampler) {}

  async execute(actor: Actor, upload: Upload, rawFields: unknown): Promise<Swatch[]> {
    requireUser(actor);
    const { count } = parseInput(ExtractPaletteFields, rawFields);
    return this.sampler.swatches(upload, count);
  }
}
