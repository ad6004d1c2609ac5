import type { Request, Response } from 'express';
import type { Actor } from '../../application/actor.ts';
import { etagOf, type CachedBody, type ResponseCache } from './response-cache.ts';
import { matchesEtag } from './ranges.ts';

/** A body built for a read, and how it may be shared. */
export type BuiltBody = {
  /** The reader's own body. */
  body: unknown;
  /** The body every reader may share (favourite flags cleared), or null when it must not be cached (a draft). */
  shared: unknown;
  /** What the body shows, for eviction (asked only when it is cached). */
  tags(): string[];
  /** The themes whose `favorited` flags a signed-in reader's copy sets, in the order the body shows them. */
  themeIds: string[];
  /** Put before the body's hash in the ETag: a theme's version, so If-Match can compare it. */
  etagPrefix?: string;
};

export type CachedRead = {
  /** The normalised query, or null when the answer is the reader's own (`owner=me`). */
  key: string | null;
  build(): Promise<BuiltBody>;
};

type FavoriteLookup = (actor: Actor, themeIds: readonly string[]) => Promise<Set<string>>;

/** How a shared body writes each theme's flag: the only unescaped occurrences of it are keys (quotes inside strings are escaped). */
const UNFLAGGED = Buffer.from('"favorited":false');

/**
 * Public reads, served from the response cache when it holds them: an anonymous reader gets the
 * shared body as it is (a matching If-None-Match gets 304 before anything is built), a signed-in
 * reader gets it with their favourite flags, set after one cheap lookup by splicing `true` into the
 * stored bytes (no parsing, no serialising). Everything else is built once, sent with a strong
 * ETag (304 when it matches), and kept for the next reader.
 */
export class CachedReads {
  constructor(
    private readonly cache: ResponseCache | null,
    private readonly favorites: FavoriteLookup,
    /** Told of every lookup in the cache (the metrics' hits and misses). */
    private readonly onLookup: (hit: boolean) => void = () => undefined,
  ) {}

  async serve(req: Request, res: Response, actor: Actor, read: CachedRead): Promise<void> {
    const key = this.cache && read.key;
    const hit = key ? this.cache!.get(key) : undefined;
    if (key) this.onLookup(hit !== undefined);
    if (hit) {
      const favorited = actor.kind === 'user' && hit.flags.length ? await this.favorites(actor, hit.themeIds) : new Set<string>();
      if (!favorited.size) return send(req, res, hit.body, hit.etag);
      const own = withFlags(hit, favorited);
      return send(req, res, own, etagOf(own, etagPrefixOf(hit.etag)));
    }
    const since = this.cache?.begin() ?? 0;
    const built = await read.build();
    const body = JSON.stringify(built.body);
    if (key && built.shared !== null) {
      const shared = Buffer.from(built.shared === built.body ? body : JSON.stringify(built.shared));
      this.cache!.store(key, since, { body: shared, etag: etagOf(shared, built.etagPrefix), tags: built.tags(), themeIds: built.themeIds, flags: flagOffsets(shared, built.themeIds) });
    }
    send(req, res, body, etagOf(body, built.etagPrefix));
  }

  /** A read too cheap to cache, still sent with its ETag (304 when it matches). */
  answer(req: Request, res: Response, value: unknown): void {
    const body = JSON.stringify(value);
    send(req, res, body, etagOf(body));
  }
}

/** Where each theme's `false` is, in the order of `themeIds`; none when the body does not show exactly one flag per theme. */
function flagOffsets(body: Buffer, themeIds: string[]): number[] {
  const offsets: number[] = [];
  for (let at = body.indexOf(UNFLAGGED); at !== -1; at = body.indexOf(UNFLAGGED, at + UNFLAGGED.length)) offsets.push(at + UNFLAGGED.length - 'false'.length);
  return offsets.length === themeIds.length ? offsets : [];
}

/** The shared bytes with `true` in place of `false` for the reader's favourites. */
function withFlags(entry: CachedBody, favorited: Set<string>): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  entry.themeIds.forEach((id, i) => {
    if (!favorited.has(id)) return;
    const at = entry.flags[i]!;
    parts.push(entry.body.subarray(from, at), TRUE);
    from = at + 'false'.length;
  });
  parts.push(entry.body.subarray(from));
  return Buffer.concat(parts);
}

const TRUE = Buffer.from('true');

/** `"3-<hash>"` → `3-`. */
function etagPrefixOf(etag: string): string {
  return /^"(\d+-)/.exec(etag)?.[1] ?? '';
}

function send(req: Request, res: Response, body: Buffer | string, etag: string): void {
  res.set('ETag', etag);
  if (matchesEtag(req.get('if-none-match'), etag)) return void res.status(304).end();
  res.type('application/json').send(body);
}
