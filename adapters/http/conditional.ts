import type { Request, Response } from 'express';
import { matchesEtag } from './ranges.ts';

/** What a representation derived from a theme depends on: that theme's version, and whether strangers may see it. */
export type ThemeVersion = { themeId: string; version: number; published: boolean };

/**
 * Sets the validators of a representation that changes only with its theme's version (ETag `"<id>.<version>"`,
 * so a slug reused by a new theme never matches an old tag), and answers 304 when If-None-Match names the current
 * one. Published themes may be kept by shared caches, drafts by the caller's own only; both revalidate every time.
 * Returns whether the 304 was sent.
 */
export function answeredNotModified(req: Request, res: Response, { themeId, version, published }: ThemeVersion): boolean {
  const etag = `"${themeId}.${version}"`;
  res.set({ ETag: etag, 'Cache-Control': `${published ? 'public' : 'private'}, no-cache` });
  if (!matchesEtag(req.get('if-none-match'), etag)) return false;
  res.status(304).end();
  return true;
}
