import { parseHex } from '../../color/spaces.ts';
import { oneLine, type ExportSource } from './names.ts';

const GROUP_START = 0xc001;
const GROUP_END = 0xc002;
const COLOR_ENTRY = 0x0001;
const GLOBAL_COLOR = 0;

/**
 * Adobe Swatch Exchange 1.0, big-endian: `ASEF`, version 1.0, the block count, then blocks (type, byte length,
 * data). The colours sit in one group named after the theme, as Adobe Color exports them; names are UTF-16 with a
 * terminating NUL (and no NUL inside), colours are `RGB ` with three float32 channels, global swatches.
 */
export function toAse(theme: ExportSource): Uint8Array {
  const blocks = [
    block(GROUP_START, utf16Name(oneLine(theme.name) || 'Palette')),
    ...theme.colors.map((c) => block(COLOR_ENTRY, colorEntry(oneLine(c.name) || c.hex, c.hex))),
    block(GROUP_END, new Uint8Array(0)),
  ];
  const header = new Uint8Array(12);
  const view = new DataView(header.buffer);
  header.set([0x41, 0x53, 0x45, 0x46]); // ASEF
  view.setUint16(4, 1);
  view.setUint16(6, 0);
  view.setUint32(8, blocks.length);
  return concat([header, ...blocks]);
}

function block(type: number, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(6);
  const view = new DataView(head.buffer);
  view.setUint16(0, type);
  view.setUint32(2, data.length);
  return concat([head, data]);
}

function colorEntry(name: string, hex: string): Uint8Array {
  const { r, g, b } = parseHex(hex);
  const tail = new Uint8Array(4 + 3 * 4 + 2);
  const view = new DataView(tail.buffer);
  tail.set([0x52, 0x47, 0x42, 0x20]); // "RGB "
  [r, g, b].forEach((v, i) => view.setFloat32(4 + i * 4, v));
  view.setUint16(16, GLOBAL_COLOR);
  return concat([utf16Name(name), tail]);
}

/** u16 length in UTF-16 code units (NUL included), the name big-endian, then NUL. `oneLine` names hold no NUL. */
function utf16Name(name: string): Uint8Array {
  const out = new Uint8Array(2 + (name.length + 1) * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, name.length + 1);
  for (let i = 0; i < name.length; i++) view.setUint16(2 + i * 2, name.charCodeAt(i));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
