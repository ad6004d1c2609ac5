import Bowser from 'bowser';
import { displayRatio } from '../../domain/color/contrast.ts';

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC', hourCycle: 'h23' });
const COUNT = new Intl.NumberFormat('en-GB');
const PLURAL = new Intl.PluralRules('en-GB');

export const formatDate = (date: Date) => DATE.format(date);
/** Times are shown in UTC, as the audit filters take them. */
export const formatDateTime = (date: Date) => `${DATE_TIME.format(date)} UTC`;
export const formatCount = (n: number) => COUNT.format(n);
/** A count and its noun in the form English gives that number: "1 admin", "0 drafts", "1,204 themes". */
export const formatQuantity = (n: number, one: string, other: string) => `${formatCount(n)} ${PLURAL.select(n) === 'one' ? one : other}`;

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Cut, never rounded up: 4.499 fails 4.5:1 and must not read as 4.50. */
export const formatRatio = (ratio: number) => `${displayRatio(ratio).toFixed(2)}:1`;

/**
 * Where to go after signing in: a path of this site only (`/admin`, never `//evil.example` or
 * `https://…`), so the sign-in form cannot be turned into an open redirect.
 */
export function localPath(raw: unknown, fallback = '/'): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\') || [...raw].some((c) => c < ' ')) return fallback;
  return raw;
}

/** A query string from the fields that are set, in order (`?q=blue&sort=name`), or nothing. */
export function queryString(fields: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** "Chrome 131 on Linux", from a User-Agent header (bowser); the header itself when it names nothing known. */
export function agentLabel(userAgent: string | null): string {
  if (!userAgent?.trim()) return 'unknown';
  const { browser, os } = Bowser.parse(userAgent);
  const name = [browser.name, browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const system = os.versionName ?? os.name;
  if (!name) return userAgent.slice(0, 80);
  return system ? `${name} on ${system}` : name;
}
