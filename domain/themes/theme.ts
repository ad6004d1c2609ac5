import { ValidationFailed, VersionConflict } from '../errors.ts';
import type { Color, ColorRole } from './color.ts';

export const THEME_STATUSES = ['draft', 'published'] as const;
export type ThemeStatus = (typeof THEME_STATUSES)[number];

export const MAX_COLORS = 16;
export const MAX_TAGS = 10;
export const TAG_PATTERN = /^[a-z0-9-]{1,24}$/;

/** A palette entry as stored: plain data, so both adapters keep it as JSON. */
export type PaletteEntry = { name: string; hex: string; role: ColorRole | null };

export type ThemeContent = {
  name: string;
  description: string;
  categoryId: string | null;
  colors: Color[];
  tags: string[];
  status: ThemeStatus;
};

/**
 * A colour theme. `version` starts at 1 and grows by one on every change; the repository writes a
 * change only if the stored version is still the one this object was loaded with.
 */
export class Theme {
  id!: string;
  ownerId!: string;
  slug!: string;
  name!: string;
  description!: string;
  status!: ThemeStatus;
  categoryId!: string | null;
  colors!: PaletteEntry[];
  tags!: string[];
  favoriteCount!: number;
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;

  static create(props: { id: string; ownerId: string; slug: string } & ThemeContent, now: Date): Theme {
    const theme = new Theme();
    theme.id = props.id;
    theme.ownerId = props.ownerId;
    theme.slug = props.slug;
    theme.favoriteCount = 0;
    theme.version = 1;
    theme.createdAt = now;
    theme.apply(props, now);
    return theme;
  }

  isVisibleTo(viewer: { userId: string | null; moderates: boolean }): boolean {
    return this.status === 'published' || viewer.moderates || viewer.userId === this.ownerId;
  }

  /** Applies changes; with `expectedVersion`, refuses if the theme has moved on since. */
  edit(changes: Partial<ThemeContent> & { slug?: string }, now: Date, expectedVersion?: number): void {
    if (expectedVersion !== undefined && expectedVersion !== this.version) throw new VersionConflict(this.version);
    this.apply(changes, now);
    if (changes.slug !== undefined) this.slug = changes.slug;
    this.version += 1;
  }

  private apply(content: Partial<ThemeContent>, now: Date): void {
    if (content.colors !== undefined) this.colors = palette(content.colors);
    if (content.tags !== undefined) this.tags = tagSet(content.tags);
    if (content.name !== undefined) this.name = content.name;
    if (content.description !== undefined) this.description = content.description;
    if (content.categoryId !== undefined) this.categoryId = content.categoryId;
    if (content.status !== undefined) this.status = content.status;
    this.updatedAt = now;
  }
}

function palette(colors: Color[]): PaletteEntry[] {
  if (colors.length < 1 || colors.length > MAX_COLORS) throw ValidationFailed.field('colors', `must have 1–${MAX_COLORS} colours`);
  const roles = colors.map((c) => c.role).filter((r) => r !== null);
  const duplicate = roles.find((role, i) => roles.indexOf(role) !== i);
  if (duplicate) throw ValidationFailed.field('colors', `the role ${duplicate} is given to more than one colour`);
  return colors.map((c) => ({ name: c.name, hex: c.hex, role: c.role }));
}

/** Tags are lower-cased and de-duplicated, order kept. */
function tagSet(raw: string[]): string[] {
  const tags = [...new Set(raw.map((t) => t.trim().toLowerCase()))];
  if (tags.length > MAX_TAGS) throw ValidationFailed.field('tags', `at most ${MAX_TAGS} distinct tags`);
  const bad = tags.find((t) => !TAG_PATTERN.test(t));
  if (bad !== undefined) throw ValidationFailed.field('tags', `"${bad}" must be 1–24 of a-z, 0-9 and -`);
  return tags;
}
