import { shadeScale } from '../../color/shades.ts';
import { hyphenatedIdentifier, uniqueNamer, variables, type ExportSource } from './names.ts';

/**
 * A Tailwind CSS v4 `@theme` block: `--color-<name>` for each role and each colour (as in the CSS export), so
 * `bg-primary` and `text-deep` work; with `shades`, also `--color-<name>-50` … `-950` generated in OKLCH. Names are
 * hyphenated: Tailwind reads `_` in a class name as a space.
 */
export function toTailwindTheme(theme: ExportSource, options: { shades?: boolean } = {}): string {
  const vars = variables(theme.colors, hyphenatedIdentifier);
  const unique = uniqueNamer();
  for (const v of vars) unique(v.name);
  const lines: string[] = [];
  for (const v of vars) {
    lines.push(`  --color-${v.name}: ${v.hex};`);
    if (options.shades) for (const shade of shadeScale(v.hex)) lines.push(`  --color-${unique(`${v.name}-${shade.step}`)}: ${shade.hex};`);
  }
  return `/* ${theme.name.replace(/\*\//g, '* /')} */\n@theme {\n${lines.join('\n')}\n}\n`;
}
