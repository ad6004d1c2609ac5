import { variables, type ExportSource } from './names.ts';

/** `:root { --primary: #0b3d91; --deep: #0b3d91; }`: role variables first, then one per colour. */
export function toCss(theme: ExportSource): string {
  const lines = variables(theme.colors).map((v) => `  --${v.name}: ${v.hex};`);
  return `/* ${theme.name.replace(/\*\//g, '* /')} */\n:root {\n${lines.join('\n')}\n}\n`;
}
