import { parseHex } from '../../color/spaces.ts';
import { oneLine, type ExportSource } from './names.ts';

const bytes = (hex: string) => {
  const { r, g, b } = parseHex(hex);
  return [r, g, b].map((v) => Math.round(v * 255));
};

/**
 * GIMP palette, format version 2 (GIMP's developer documentation, "GIMP Palette Format Version 2"): a header with the
 * palette's name, then `R G B<TAB>name` per colour. Names are UTF-8 on one line; an empty one would be read as
 * "Untitled", so none is left empty.
 */
export function toGimpPalette(theme: ExportSource): string {
  const lines = ['GIMP Palette', `Name: ${oneLine(theme.name) || 'Untitled'}`, 'Columns: 0', '#'];
  for (const c of theme.colors) lines.push(`${bytes(c.hex).map((v) => String(v).padStart(3)).join(' ')}\t${oneLine(c.name) || c.hex}`);
  return `${lines.join('\n')}\n`;
}

/** JASC (Paint Shop Pro) palette: `JASC-PAL`, version `0100`, the count, then `R G B` lines, CRLF as PSP writes it. */
export function toJascPalette(theme: Pick<ExportSource, 'colors'>): string {
  const lines = ['JASC-PAL', '0100', String(theme.colors.length), ...theme.colors.map((c) => bytes(c.hex).join(' '))];
  return `${lines.join('\r\n')}\r\n`;
}

/** The `.hex` palette of Lospec and Aseprite: one `rrggbb` per line, no `#`. */
export function toHexList(theme: Pick<ExportSource, 'colors'>): string {
  return theme.colors.map((c) => `${c.hex.slice(1)}\n`).join('');
}
