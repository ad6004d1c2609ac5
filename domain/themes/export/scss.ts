import { hyphenatedIdentifier, oneLine, variables, type ExportSource } from './names.ts';

/**
 * SCSS variables (roles first, then colours) and a `$palette` map of the same names for loops. Sass reads `-` and `_`
 * in variable names as one character, hence hyphenated names.
 */
export function toScss(theme: ExportSource): string {
  const vars = variables(theme.colors, hyphenatedIdentifier);
  const lines = [`// ${oneLine(theme.name)}`, ...vars.map((v) => `$${v.name}: ${v.hex};`), '', '$palette: ('];
  lines.push(...vars.map((v, i) => `  "${v.name}": $${v.name}${i < vars.length - 1 ? ',' : ''}`), ');');
  return `${lines.join('\n')}\n`;
}
