import type { Theme } from '../../domain/themes/theme.ts';
import { wordsOf } from '../../domain/themes/words.ts';

/** The words a theme is found by: those of its name, description and tags. Both adapters index these. */
export function themeSearchWords(theme: Pick<Theme, 'name' | 'description' | 'tags'>): string[] {
  return [...new Set(wordsOf(`${theme.name} ${theme.description} ${theme.tags.join(' ')}`))];
}
