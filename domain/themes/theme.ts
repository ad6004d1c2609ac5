import { Aggregate } from '../aggregate.ts';
import { accessibilitySummary, type AccessibilitySummary } from '../color/accessibility.ts';
import { ValidationFailed, VersionConflict } from '../errors.ts';
import type { Color } from './color.ts';

export const THEME_STATUSES = ['draft', 'published'] as const;
export type ThemeStatus = (typeof THEME_STATUSES)[number];

export const MIN_COLORS = 1;
export const MAX_COLORS = 16;
export const MAX_TAGS = 10;
export const TAG_MAX = 24;
export const TAG_PATTERN = new RegExp(`^[a-z0-9-]{1,${TAG_MAX}}$`);

/** A colour as an author gives it: without a role, it has none. */
export type NewColor = Omit<Color, 'role'> & { role?: Color['role'] | undefined };

/** What an author writes. Shapes (lengths, palette size, tags) are checked by the input schemas. */
export type ThemeContent = {
  name: string;
  description: string;
  categoryId: string | null;
  colors: readonly NewColor[];
  tags: readonly string[];
  status: ThemeStatus;
};

/** A theme as repositories store it: plain data. */
export type ThemeState = {
  id: string;
  ownerId: string;
  slug: string;
  name: string;
  description: string;
  status: ThemeStatus;
  categoryId: string | null;
  colors: readonly Color[];
  /** Derived from `colors` whenever they are set, so lists and filters read it instead of computing it. */
  accessibility: AccessibilitySummary;
  tags: readonly string[];
  favoriteCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

/** Who reads a theme: a signed-in user (null when anonymous), and whether they moderate (and so see drafts). */
export type Viewer = { userId: string | null; moderates: boolean };

/** A published theme is public; a draft is visible to its owner and to moderators only. */
export function isVisibleTo(theme: { status: ThemeStatus; ownerId: string }, viewer: Viewer): boolean {
  return theme.status === 'published' || viewer.moderates || viewer.userId === theme.ownerId;
}

/**
 * A colour theme. `version` starts at 1 and grows by one on every change; the repository writes a
 * change only if the stored version is still the one this object was loaded with. The favourite
 * count is the repository's to keep (it changes atomically, without loading the theme).
 */
export class Theme extends Aggregate<ThemeState>() {
  static create(props: { id: string; ownerId: string; slug: string } & ThemeContent, now: Date): Theme {
    return new Theme({
      id: props.id,
      ownerId: props.ownerId,
      slug: props.slug,
      name: props.name,
      description: props.description,
      status: props.status,
      categoryId: props.categoryId,
      ...withSummary(palette(props.colors)),
      tags: [...props.tags],
      favoriteCount: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }

  static restore(state: ThemeState): Theme {
    return new Theme(state);
  }

  isVisibleTo(viewer: Viewer): boolean {
    return isVisibleTo(this, viewer);
  }

  /**
   * Applies changes; with `expectedVersion`, refuses if the theme has moved on since. Changes that
   * change nothing leave the version and updatedAt as they were; returns whether anything changed.
   */
  edit(changes: Partial<ThemeContent> & { slug?: string }, now: Date, expectedVersion?: number): boolean {
    if (expectedVersion !== undefined && expectedVersion !== this.version) throw new VersionConflict(this.version);
    const { name = this.name, description = this.description, categoryId = this.categoryId, status = this.status, slug = this.slug } = changes;
    const colors = changes.colors === undefined ? this.colors : palette(changes.colors);
    const tags = changes.tags === undefined ? this.tags : [...changes.tags];
    const unchanged =
      name === this.name &&
      description === this.description &&
      categoryId === this.categoryId &&
      status === this.status &&
      slug === this.slug &&
      sameList(colors, this.colors, (a, b) => a.name === b.name && a.hex === b.hex && a.role === b.role) &&
      sameList(tags, this.tags, (a, b) => a === b);
    if (unchanged) return false;
    const repainted = colors === this.colors ? {} : withSummary(colors);
    this.change({ name, description, categoryId, status, slug, ...repainted, tags, version: this.version + 1, updatedAt: now });
    return true;
  }
}

/** A palette and its accessibility summary, always set together. */
function withSummary(colors: readonly Color[]): Pick<ThemeState, 'colors' | 'accessibility'> {
  return { colors, accessibility: accessibilitySummary(colors) };
}

/** The one palette rule a schema cannot see: a role belongs to one colour at most. */
function palette(colors: readonly NewColor[]): Color[] {
  const roles = colors.flatMap((c) => c.role ?? []);
  const duplicate = roles.find((role, i) => roles.indexOf(role) !== i);
  if (duplicate) throw ValidationFailed.field('colors', `the role ${duplicate} is given to more than one colour`);
  return colors.map((c) => ({ name: c.name, hex: c.hex, role: c.role ?? null }));
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => same(x, b[i]!));
}
