import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

const FILES = { css: 'site.css', js: 'site.js', icon: 'favicon.svg' } as const;
const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

/** The URL of each asset, with its content's hash in it: it can be cached for good, and a new build gets new URLs. */
export type AssetUrls = Record<keyof typeof FILES, string>;

/**
 * The pages' stylesheet, script and icon, read once from `dir` and served from memory under hashed names
 * (`/assets/site.3f9a1c2e.css`), immutable. No build step: what is in the folder is what is served.
 */
export class Assets {
  readonly urls: AssetUrls;
  private readonly files = new Map<string, { body: Buffer; type: string }>();

  constructor(dir: string) {
    const urls: Partial<AssetUrls> = {};
    for (const [kind, name] of Object.entries(FILES) as [keyof typeof FILES, string][]) {
      const body = readFileSync(path.join(dir, name));
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
      const ext = path.extname(name);
      const url = `/assets/${path.basename(name, ext)}.${hash}${ext}`;
      this.files.set(url, { body, type: TYPES[ext]! });
      urls[kind] = url;
    }
    this.urls = urls as AssetUrls;
  }

  serve(): RequestHandler {
    return (req, res, next) => {
      const file = this.files.get(req.path);
      if (!file) return next();
      res.set({ 'Content-Type': file.type, 'Cache-Control': 'public, max-age=31536000, immutable' }).send(file.body);
    };
  }
}
