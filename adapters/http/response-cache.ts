import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ChangeFeed } from '../../application/ports/change-feed.ts';
import type { ChangeEvent } from '../../application/ports/event-log.ts';

/** A ready response body, with its validator and what it shows (for eviction). */
export type CachedBody = {
  body: Buffer;
  etag: string;
  /** What the body shows: `theme:<id>`, `owner:<id>`, `category:<id>`, `user:<id>`, and the kind of read (`themes`, …). */
  tags: readonly string[];
  /** The themes whose favourite flags a signed-in reader's copy sets, and where each flag's `false` is in `body`. */
  themeIds: readonly string[];
  flags: readonly number[];
};

/** A strong validator of exactly these bytes. */
export function etagOf(body: Buffer | string, prefix = ''): string {
  return `"${prefix}${hash('sha1', body, 'base64url')}"`;
}

/**
 * Which cached bodies a change makes stale: the tags to evict. Exact, never approximate: anything
 * that can change a body evicts it; what cannot leaves it be.
 */
export function staleTags(event: ChangeEvent): string[] | 'all' {
  const { themeId, userId, categoryId } = event.subject;
  switch (event.type) {
    case 'theme.created':
    case 'theme.updated':
    case 'theme.published':
    case 'theme.unpublished':
    case 'theme.deleted':
      // A draft that stays a draft is in no shared body (only published themes are cached).
      if (!event.data.visibleBefore && !event.data.visibleAfter) return [];
      // Any page may gain, lose or reorder it; category counts change.
      return ['themes', 'categories', `theme:${themeId}`];
    case 'favorite.added':
    case 'favorite.removed':
      return [`theme:${themeId}`, 'sort:mostFavorited'];
    case 'image.added':
    case 'image.removed':
      return [`theme:${themeId}`];
    case 'category.created':
    case 'category.updated':
    case 'category.deleted':
      // Pages filtered by a slug that now names it (or no longer does).
      return ['themes', 'categories', `category:${categoryId}`];
    case 'user.profile_changed':
      // The name shows in theme views; a new username changes what `owner=` pages find.
      return ['themes', `owner:${userId}`, `user:${userId}`];
    case 'user.status_changed':
      return [`user:${userId}`];
    case 'user.deleted':
      // Their themes went, and the favourites they gave other themes.
      return 'all';
    default:
      return [];
  }
}

/**
 * Ready response bodies of public reads, bounded by bytes, keyed by the normalised query. The
 * change feed keeps it exact: a change evicts what it makes stale synchronously, as the event
 * arrives; while the feed is behind (a notification arrived, its events are being read) nothing is
 * served, and while it is cut off nothing is kept. A body built while an eviction happened is not
 * stored (it may have been read before the change).
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedBody>;
  private readonly keysByTag = new Map<string, Set<string>>();
  private generation = 0;

  constructor(
    private readonly feed: ChangeFeed,
    maxBytes: number,
  ) {
    this.entries = new LRUCache<string, CachedBody>({
      maxSize: maxBytes,
      sizeCalculation: (entry, key) => entry.body.length + key.length + 64 * (entry.tags.length + 4),
      dispose: (entry, key) => this.unindex(key, entry),
    });
    feed.subscribe({
      events: (events) => {
        for (const event of events) {
          const tags = staleTags(event);
          if (tags === 'all') this.clear();
          else for (const tag of tags) this.evict(tag);
        }
      },
      interrupted: () => this.clear(),
    });
  }

  get(key: string): CachedBody | undefined {
    return this.feed.upToDate() ? this.entries.get(key) : undefined;
  }

  /** Marks the start of building a body for the cache: `store` keeps it only if nothing was evicted since. */
  begin(): number {
    return this.generation;
  }

  store(key: string, since: number, entry: CachedBody): void {
    if (since !== this.generation || !this.feed.upToDate()) return;
    this.entries.set(key, entry);
    for (const tag of entry.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  evict(tag: string): void {
    this.generation++;
    const keys = this.keysByTag.get(tag);
    if (keys) for (const key of [...keys]) this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.keysByTag.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private unindex(key: string, entry: CachedBody): void {
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (!keys.size) this.keysByTag.delete(tag);
    }
  }
}
