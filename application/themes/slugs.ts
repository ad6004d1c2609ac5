import { SlugTaken } from '../../domain/errors.ts';
import { firstFreeSlug, slugify } from '../../domain/themes/slug.ts';
import type { ThemeRepo } from '../ports/theme-repo.ts';

/**
 * Writes a theme under the first free slug derived from its name (`ocean-breeze`, `ocean-breeze-2`).
 * Two writers may pick the same slug at once; the loser's unique-key refusal sends it round again.
 */
export async function withUniqueSlug<T>(themes: ThemeRepo, name: string, keep: string | null, write: (slug: string) => Promise<T>): Promise<T> {
  const base = slugify(name);
  for (let attempt = 0; ; attempt++) {
    const taken = await themes.slugsLike(base);
    if (keep) taken.delete(keep);
    // A rename whose slug would be the same keeps it (`ocean-2` stays `ocean-2`).
    const slug = keep !== null && keep.replace(/-\d+$/, '') === base ? keep : firstFreeSlug(base, taken);
    try {
      return await write(slug);
    } catch (error) {
      if (!(error instanceof SlugTaken) || attempt >= 5) throw error;
    }
  }
}
