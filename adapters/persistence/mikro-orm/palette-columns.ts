import { accessibilitySummary } from '../../../domain/color/accessibility.ts';
import { hexToOklab, type OkLab } from '../../../domain/color/spaces.ts';
import type { ThemeState } from '../../../domain/themes/theme.ts';
import { sqlValue, type Columns } from './statements.ts';

/**
 * The columns derived from a theme's palette, each beside its value: its accessibility summary (the filters read
 * it), and for the similar-themes search its colours in OKLab (`l, a, b` of each, in order).
 */
export function paletteColumns(theme: Pick<ThemeState, 'colors' | 'accessibility'>): Columns {
  const oklab = theme.colors.map((c) => hexToOklab(c.hex));
  return {
    accessibility: sqlValue('?::jsonb', JSON.stringify(theme.accessibility)),
    // An array literal of JavaScript's shortest round-trip digits: PostgreSQL reads back the very same doubles.
    palette_oklab: sqlValue('?::float8[]', `{${oklab.flatMap((c) => [c.l, c.a, c.b]).join(',')}}`),
  };
}

/** The columns of a row written before they existed: its summary is computed as Theme does. */
export function backfilledPaletteColumns(colors: ThemeState['colors']): Columns {
  return paletteColumns({ colors, accessibility: accessibilitySummary(colors) });
}

export function fromPaletteOklab(flat: readonly number[]): OkLab[] {
  const palette: OkLab[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3) palette.push({ l: flat[i]!, a: flat[i + 1]!, b: flat[i + 2]! });
  return palette;
}
