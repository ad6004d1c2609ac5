import { variables, type ExportSource } from './names.ts';

/** `:root { --primary: #0b3d91; --deep: #0b3d91; }`: role variables first, then one per colour. */
export function toCss(theme: ExportSource): string {
  const lines = variables(theme.colors).map((v) => `  --${v.name}: ${v.hex};`);
  return `/* ${theme.name.replace(/\*\//g, '* /')} */\n:root {\n${lines.join('\n')}\n}\n`;
}

type LegacyToken = { $type: 'color'; $value: string; $description?: string };

/**
 * The first JSON export, `{ "<name>": { "$type": "color", "$value": "#rrggbb" } }`, still served by the export
 * route; `toDesignTokens2025` is the Design Tokens 2025.10 format that replaces it.
 */
export function toDesignTokens(theme: Pick<ExportSource, 'colors'>): Record<string, LegacyToken> {
  const tokens: Record<string, LegacyToken> = {};
  for (const v of variables(theme.colors)) tokens[v.name] = v.role ? { $type: 'color', $value: v.hex, $description: v.role } : { $type: 'color', $value: v.hex };
  return tokens;
}
