import type { Theme } from './theme.ts';

/** A CSS custom-property name from a colour name: lower-case, hyphenated, never starting with a digit. */
export function cssIdentifier(name: string): string {
  const ident = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!ident) return 'color';
  return /^[0-9]/.test(ident) ? `c-${ident}` : ident;
}

/** Each colour's variable name: its role first when it has one, then its name; made unique. */
function variables(theme: Theme): { name: string; hex: string; role: string | null }[] {
  const used = new Set<string>();
  const unique = (base: string) => {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    return name;
  };
  const byRole = theme.colors.filter((c) => c.role).map((c) => ({ name: unique(c.role!), hex: c.hex, role: c.role }));
  const byName = theme.colors.map((c) => ({ name: unique(cssIdentifier(c.name)), hex: c.hex, role: c.role }));
  return [...byRole, ...byName];
}

/** `:root { --primary: #0b3d91; --deep: #0b3d91; }`: role variables first, then one per colour. */
export function toCss(theme: Theme): string {
  const lines = variables(theme).map((v) => `  --${v.name}: ${v.hex};`);
  return `/* ${theme.name.replace(/\*\//g, '* /')} */\n:root {\n${lines.join('\n')}\n}\n`;
}

/** W3C design tokens: `{ "<name>": { "$type": "color", "$value": "#rrggbb" } }`. */
export function toDesignTokens(theme: Theme): Record<string, { $type: 'color'; $value: string; $description?: string }> {
  const tokens: Record<string, { $type: 'color'; $value: string; $description?: string }> = {};
  for (const v of variables(theme)) tokens[v.name] = v.role ? { $type: 'color', $value: v.hex, $description: v.role } : { $type: 'color', $value: v.hex };
  return tokens;
}
