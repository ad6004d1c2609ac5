import { contrastRatio, displayRatio, gradeContrast, rolePairsIn, type Level, type RolePair } from '../../color/contrast.ts';
import type { PaletteColor } from '../../color/palette.ts';
import { oneLine, type ExportSource } from './names.ts';

/** The card's width in CSS pixels; its height grows with the palette. */
export const SWATCH_CARD_WIDTH = 960;
const WIDTH = SWATCH_CARD_WIDTH;
const PAD = 32;
const GAP = 16;
const MAX_COLUMNS = 4;
const SWATCH_HEIGHT = 112;
const TILE_HEIGHT = 184;
const BADGE_HEIGHT = 56;
const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
const MONO = 'DejaVu Sans Mono, Menlo, Consolas, monospace';
const INK = '#1f2933';
const MUTED = '#5b6470';
const RULE = '#d9dde3';
const LEVEL_COLORS: Record<Level, string> = { AAA: '#1a7f37', AA: '#0b5cad', fail: '#b42318' };

/** Where the card puts things: computed once, so its size is known without drawing it. */
type Layout = { columns: number; tileWidth: number; gridTop: number; gridBottom: number; pairs: Badge[]; height: number };
type Badge = RolePair & { fg: PaletteColor; bg: PaletteColor };

function layout(theme: ExportSource): Layout {
  const columns = Math.max(1, Math.min(MAX_COLUMNS, theme.colors.length));
  const tileWidth = (WIDTH - 2 * PAD - (columns - 1) * GAP) / columns;
  const gridTop = PAD + 48;
  const gridBottom = gridTop + Math.ceil(theme.colors.length / columns) * (TILE_HEIGHT + GAP) - GAP;
  // Only which pairs there are: their figures are worked out when drawn, so sizing a card stays cheap.
  const pairs = rolePairsIn(theme.colors);
  const bottom = pairs.length > 0 ? gridBottom + 52 + Math.ceil(pairs.length / 2) * BADGE_HEIGHT - 16 : gridBottom;
  return { columns, tileWidth, gridTop, gridBottom, pairs, height: bottom + PAD };
}

/** The card's size in CSS pixels: a fixed width, and a height that grows with the palette and its role pairs. */
export function swatchCardSize(theme: ExportSource): { width: number; height: number } {
  return { width: WIDTH, height: layout(theme).height };
}

/**
 * The swatch card: the theme's name, each colour as a tile with its name, hex and role, then a contrast badge per
 * role pair the palette has ("Aa" in the foreground on the background, the ratio and the level it reaches for its
 * use). Every text is put on one line and XML-escaped; the output depends on nothing but the input, so it can be
 * cached by theme version.
 */
export function toSwatchCard(theme: ExportSource): string {
  const { columns, tileWidth, gridTop, gridBottom, pairs, height } = layout(theme);
  const parts: string[] = [text(PAD, PAD + 24, truncate(oneLine(theme.name), 60), { size: 24, weight: 700 })];

  theme.colors.forEach((c, i) => {
    const x = PAD + (i % columns) * (tileWidth + GAP);
    const y = gridTop + Math.floor(i / columns) * (TILE_HEIGHT + GAP);
    parts.push(
      `<rect x="${x}" y="${y}" width="${tileWidth}" height="${SWATCH_HEIGHT}" rx="10" fill="${c.hex}" stroke="${RULE}"/>`,
      text(x, y + 136, truncate(oneLine(c.name), Math.floor(tileWidth / 9)), { size: 15, weight: 600 }),
      text(x, y + 156, c.hex.toUpperCase(), { size: 13, family: MONO }),
    );
    if (c.role) parts.push(text(x, y + 174, c.role, { size: 13, fill: MUTED }));
  });

  if (pairs.length > 0) {
    parts.push(text(PAD, gridBottom + 36, 'Contrast', { size: 16, weight: 700 }));
    const top = gridBottom + 52;
    const badgeWidth = (WIDTH - 2 * PAD - GAP) / 2;
    pairs.forEach((pair, i) => parts.push(badge(PAD + (i % 2) * (badgeWidth + GAP), top + Math.floor(i / 2) * BADGE_HEIGHT, pair)));
  }

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="title">`,
    `<title id="title">${escapeXml(oneLine(theme.name))}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<g font-family="${FONT}" fill="${INK}">`,
    ...parts,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

function badge(x: number, y: number, pair: Badge): string {
  const contrast = contrastRatio(pair.fg.hex, pair.bg.hex);
  const grades = gradeContrast(contrast);
  const level = pair.use === 'text' ? grades.normalText : grades.uiComponents;
  const label = level === 'fail' ? 'Fail' : level;
  const ratio = `${displayRatio(contrast).toFixed(2)}:1`;
  const pillX = x + 80 + ratio.length * 8 + 8;
  return [
    `<rect x="${x}" y="${y}" width="64" height="40" rx="6" fill="${pair.bg.hex}" stroke="${RULE}"/>`,
    text(x + 32, y + 27, 'Aa', { size: 18, weight: 700, fill: pair.fg.hex, anchor: 'middle' }),
    text(x + 80, y + 16, `${capitalise(pair.foreground)} on ${pair.background}${pair.use === 'ui' ? ' (UI)' : ''}`, { size: 14, weight: 600 }),
    text(x + 80, y + 36, ratio, { size: 13 }),
    `<rect x="${pillX}" y="${y + 24}" width="${label.length * 9 + 12}" height="16" rx="8" fill="${LEVEL_COLORS[level]}"/>`,
    text(pillX + 6, y + 36, label, { size: 11, weight: 700, fill: '#ffffff' }),
  ].join('\n');
}

type TextStyle = { size: number; weight?: number; fill?: string; family?: string; anchor?: 'middle' };

function text(x: number, y: number, content: string, style: TextStyle): string {
  const attributes = [
    `x="${x}"`,
    `y="${y}"`,
    `font-size="${style.size}"`,
    style.weight ? `font-weight="${style.weight}"` : '',
    style.fill ? `fill="${style.fill}"` : '',
    style.family ? `font-family="${escapeXml(style.family)}"` : '',
    style.anchor ? `text-anchor="${style.anchor}"` : '',
  ].filter(Boolean);
  return `<text ${attributes.join(' ')}>${escapeXml(content)}</text>`;
}

/** Cuts to `max` characters (whole code points) with an ellipsis, so long names stay inside their tile. */
function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Escapes markup and drops what XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/FFFF). */
export function escapeXml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
