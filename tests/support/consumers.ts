import StyleDictionary from 'style-dictionary';
import type { DesignTokens } from 'style-dictionary/types';

/** Design tokens built by Style Dictionary 5 into CSS variables: `[name, #hex]` of each colour variable it declares. */
export async function styleDictionaryCssVariables(tokens: unknown): Promise<[string, string][]> {
  const dictionary = new StyleDictionary({
    tokens: tokens as DesignTokens,
    platforms: { css: { transformGroup: 'css', files: [{ destination: 'tokens.css', format: 'css/variables' }] } },
    log: { verbosity: 'silent' },
  });
  const [file] = await dictionary.formatPlatform('css');
  return [...String(file!.output).matchAll(/--([\w-]+): (#[0-9a-f]{6});/g)].map((m) => [m[1]!, m[2]!]);
}
