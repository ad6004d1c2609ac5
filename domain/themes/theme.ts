import { ValidationFailed, VersionConflict } from '../errors.ts';
import type { Color } from './color.ts';

export const THEME_STATUSES = ['draft', 'published'] as const;
export type ThemeStatus = (typeof THEME_STATUSES)[number];

export const MAX_COLORS = 16;
export const MAX_TAGS = 10;
export const TAG_MAX = 24;
export const TAG_PATTERN = new RegExp(`^[a-z0-9-]{1,${TAG_MAX}}$`);

/** A colour as an author gives it: without a role, it has none. */
export type NewColor = Omit<Color, 'role'> & { role?: Color['role'] | undefined };

export type ThemeContent = {
  name: string;
  description: string;
  categoryId: string | null;
  colors: NewColor[];
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
  colors!: Color[];
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
    if (content.tags !== undefined) this.tags = [...content.tags];
    if (content.name !== undefined) this.name = content.name;
    if (content.description !== undefined) this.description = content.description;
    if (content.categoryId !== undefined) this.categoryId = content.categoryId;
    if (content.status !== undefined) this.status = content.status;
    this.updatedAt = now;
  }
}

/** The one palette rule a schema cannot see: a role belongs to one colour at most. */
function palette(colors: NewColor[]): Color[] {
  const roles = colors.flatMap((c) => c.role ?? []);
  const duplicate = roles.find((role, i) => roles.indexOf(role) !== i);
  if (duplicate) throw ValidationFailed.field('colors', `the role ${duplicate} is given to more than one colour`);
  return colors.map((c) => ({ name: c.name, hex: c.hex, role: c.role ?? null }));
}
