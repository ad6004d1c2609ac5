/**
 * The words of a text for search: maximal runs of letters and digits, lower-cased. Both search
 * adapters split names, descriptions, tags and queries this way, so they agree on what matches.
 */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
