import type { PaletteColor } from '../../color/palette.ts';

/** What the encoders need of a theme; a Theme fits it. */
export type ExportSource = { readonly name: string; readonly colors: readonly PaletteColor[] };

/** A CSS identifier from a colour name: lower-case ASCII letters, digits, `_` and `-`, never starting with a digit. */
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

/**
 * cssIdentifier with `_` turned into `-`, for consumers that treat the two alike or split names on both: Sass
 * variables, Tailwind class names, Style Dictionary's kebab-case names. Names that differ only there stay distinct.
 */
export function hyphenatedIdentifier(name: string): string {
  return cssIdentifier(name).replace(/_/g, '-');
}

/** Text on one line with no control characters, for formats whose names and comments end at a line break. */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
}

/** A namer that hands out each base name once, then `base-2`, `base-3`… */
export function uniqueNamer(): (base: string) => string {
  const used = new Set<string>();
  return (base) => {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    return name;
  };
}

export type Variable = { name: string; hex: string; role: PaletteColor['role'] };

/**
 * The variables of the code formats: one per role first (`primary`, `text`…), then one per colour from its name,
 * all unique. `identifier` makes a name safe for the format.
 */
export function variables(colors: readonly PaletteColor[], identifier: (name: string) => string = cssIdentifier): Variable[] {
  const unique = uniqueNamer();
  const byRole = colors.filter((c) => c.role).map((c) => ({ name: unique(identifier(c.role!)), hex: c.hex, role: c.role }));
  const byName = colors.map((c) => ({ name: unique(identifier(c.name)), hex: c.hex, role: c.role }));
  return [...byRole, ...byName];
}
