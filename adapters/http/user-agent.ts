import Bowser from 'bowser';

export type Software = { name: string; version: string | null };

/** The browser and operating system a User-Agent header names (bowser), each null when it names none. */
export function describeUserAgent(userAgent: string | null): { browser: Software | null; os: Software | null } {
  if (!userAgent?.trim()) return { browser: null, os: null };
  const parsed = Bowser.parse(userAgent);
  return {
    browser: software(parsed.browser.name, parsed.browser.version),
    // "Windows 10" rather than "Windows NT 10.0".
    os: software(parsed.os.name, parsed.os.versionName ?? parsed.os.version),
  };
}

function software(name: string | undefined, version: string | undefined): Software | null {
  return name ? { name, version: version || null } : null;
}
