/**
 * Palette intelligence, measured in this process on the real adapters:
 * - extraction from a 12-megapixel photo-like JPEG (target: p50 ≤ 300 ms), with RSS growth;
 * - similar themes among 10,000 published themes on PostgreSQL (target: p50 ≤ 50 ms), beside ranking them all;
 * - the swatch-card PNG, rendered (target: ≤ 30 ms) and then served from the cache.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { LruRenderedCache } from '../adapters/images/lru-rendered-cache.ts';
import { SharpImageProcessor } from '../adapters/images/sharp-image-processor.ts';
import { migrate, openOrm, requestScope } from '../adapters/persistence/mikro-orm/orm.ts';
import { MikroOrmSimilarPalettes } from '../adapters/persistence/mikro-orm/similar-palettes.ts';
import { PostgresThemeCatalog } from '../adapters/persistence/mikro-orm/theme-catalog.ts';
import { MikroOrmThemeRepo } from '../adapters/persistence/mikro-orm/theme-repo.ts';
import { MikroOrmUserRepo } from '../adapters/persistence/mikro-orm/user-repo.ts';
import { ANONYMOUS } from '../application/actor.ts';
import type { Upload } from '../application/media/upload.ts';
import { PaletteSampler } from '../application/palettes/palette-sampler.ts';
import { FindSimilarThemes } from '../application/themes/find-similar-themes.ts';
import { ThemeFiles } from '../application/themes/theme-files.ts';
import { hexToOklab, oklchToHex } from '../domain/color/spaces.ts';
import type { ColorRole } from '../domain/themes/color.ts';
import { Theme } from '../domain/themes/theme.ts';
import { User } from '../domain/users/user.ts';
import { freshDatabaseUrl, stopServices } from '../tests/support/services.ts';

const MiB = 1024 * 1024;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

async function timed(runs: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await work(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

const summary = (times: number[]) => `p50 ${percentile(times, 0.5).toFixed(1)} ms, p90 ${percentile(times, 0.9).toFixed(1)} ms (${times.length} runs)`;
const verdict = (value: number, target: number) => `${value <= target ? 'within' : 'OVER'} the ${target} ms target`;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A 4000×3000 "photo": smooth gradients in several hues (sky, ground, a subject) under per-pixel noise, as JPEG. */
async function photoLikeJpeg(file: string): Promise<void> {
  const width = 4000;
  const height = 3000;
  const raw = Buffer.alloc(width * height * 3);
  const random = seeded(12);
  for (let y = 0; y < height; y++) {
    const v = y / height;
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const sky = v < 0.45;
      const subject = (u - 0.6) ** 2 + (v - 0.55) ** 2 < 0.03;
      let r = sky ? 90 + 120 * v : subject ? 200 - 60 * v : 70 + 60 * u;
      let g = sky ? 150 + 80 * v : subject ? 60 + 40 * u : 110 - 40 * v;
      let b = sky ? 230 - 40 * v : subject ? 50 : 40 + 30 * u;
      const noise = (random() - 0.5) * 40;
      r += noise;
      g += noise;
      b += noise;
      const i = (y * width + x) * 3;
      raw[i] = Math.max(0, Math.min(255, r));
      raw[i + 1] = Math.max(0, Math.min(255, g));
      raw[i + 2] = Math.max(0, Math.min(255, b));
    }
  }
  await writeFile(file, await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer());
}

export async function extraction(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'themes-bench-'));
  try {
    const file = path.join(dir, 'photo.jpg');
    await photoLikeJpeg(file);
    const size = (await stat(file)).size;
    // As the HTTP adapter hands it over: a staged file, which sharp decodes from disk.
    const upload: Upload = { contentType: 'image/jpeg', size, sha256: '', open: () => createReadStream(file) };
    const sampler = new PaletteSampler(new SharpImageProcessor(40_000_000), { maxPixels: 40_000_000 });
    await sampler.swatches(upload);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampling = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const times = await timed(15, () => sampler.swatches(upload));
    clearInterval(sampling);
    peak = Math.max(peak, process.memoryUsage().rss);
    const swatches = await sampler.swatches(upload);
    console.log(
      `extraction, 4000×3000 JPEG (${(size / MiB).toFixed(1)} MiB, noise over gradients): ${summary(times)}; ${verdict(percentile(times, 0.5), 300)}\n` +
        `  RSS ${(baseline / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} MiB (growth ${((peak - baseline) / MiB).toFixed(1)} MiB); ` +
        `swatches ${swatches.map((s) => `${s.hex} ${(s.share * 100).toFixed(0)}%${s.role ? ` ${s.role}` : ''}`).join(', ')}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A theme-like palette: a light or dark low-chroma background and surface, contrasting text, and 2–5 hues around a base. */
function themePalette(random: () => number): { name: string; hex: string; role: ColorRole | null }[] {
  const hue = random() * 360;
  const dark = random() < 0.5;
  const roles: (ColorRole | null)[] = ['background', 'surface', 'text', 'primary', 'secondary', 'accent', null, null];
  const colors = [
    oklchToHex({ l: dark ? 0.18 + random() * 0.1 : 0.93 + random() * 0.06, c: random() * 0.03, h: hue }),
    oklchToHex({ l: dark ? 0.26 + random() * 0.1 : 0.85 + random() * 0.08, c: random() * 0.04, h: hue }),
    oklchToHex({ l: dark ? 0.85 + random() * 0.1 : 0.15 + random() * 0.15, c: random() * 0.03, h: hue }),
  ];
  const hues = 2 + Math.floor(random() * 4);
  for (let i = 0; i < hues; i++) colors.push(oklchToHex({ l: 0.45 + random() * 0.35, c: 0.06 + random() * 0.15, h: (hue + (i === 0 ? 0 : 60 + random() * 240)) % 360 }));
  return colors.map((hex, i) => ({ name: `c${i}`, hex, role: roles[i] ?? null }));
}

export async function similarThemes(): Promise<void> {
  const orm = await openOrm(await freshDatabaseUrl(), { poolMax: 8 });
  try {
    await migrate(orm);
    const users = new MikroOrmUserRepo(orm);
    const themes = new MikroOrmThemeRepo(orm);
    const owners = Array.from({ length: 50 }, (_, i) => User.create({ id: randomUUID(), email: `o${i}@example.com`, username: `owner${i}`, passwordHash: 'x', role: 'user' }, new Date()));
    for (const owner of owners) await users.insert(owner);
    const random = seeded(10_000);
    const ids: string[] = [];
    const started = Date.now();
    const all = Array.from({ length: 10_000 }, (_, i) => {
      const id = randomUUID();
      ids.push(id);
      return Theme.create(
        { id, ownerId: owners[i % owners.length]!.id, slug: `theme-${i}`, name: `Theme ${i}`, description: '', status: 'published', categoryId: null, colors: themePalette(random), tags: [] },
        new Date(),
      );
    });
    for (let i = 0; i < all.length; i += 16) await Promise.all(all.slice(i, i + 16).map((t) => themes.insert(t)));
    await orm.em.getConnection().execute('analyze themes');
    console.log(`similar themes: 10,000 published themes of 6–8 colours inserted in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const similar = new MikroOrmSimilarPalettes(orm);
    const find = new FindSimilarThemes(themes, similar, new PostgresThemeCatalog(orm));
    const scope = requestScope(orm);
    const subjects = Array.from({ length: 40 }, (_, i) => all[(i * 241) % all.length]!);
    const palette = (t: Theme) => t.colors.map((c) => hexToOklab(c.hex));
    // The first request after a start reads every palette; later ones only the ids and versions.
    const [cold] = await timed(1, () => scope(() => similar.nearest(palette(subjects[0]!), { excluding: subjects[0]!.id, limit: 10 })));
    const port = await timed(subjects.length, (i) => scope(() => similar.nearest(palette(subjects[i]!), { excluding: subjects[i]!.id, limit: 10 })));
    const route = await timed(subjects.length, (i) => scope(() => find.execute(ANONYMOUS, subjects[i]!.slug, { limit: '10' })));
    // A theme changed by another writer is read again: 100 changes between two requests.
    const changed: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const theme of all.slice(round * 100, round * 100 + 100)) {
        const loaded = (await themes.findById(theme.id))!;
        loaded.edit({ colors: themePalette(random) }, new Date());
        await themes.update(loaded, loaded.version - 1);
      }
      changed.push(...(await timed(1, () => scope(() => similar.nearest(palette(subjects[round]!), { excluding: subjects[round]!.id, limit: 10 })))));
    }
    console.log(
      `  nearest 10 (the port): first request ${cold!.toFixed(0)} ms (reads every palette), then ${summary(port)}; ${verdict(percentile(port, 0.5), 50)}\n` +
        `  the use-case (the theme, its nearest 10 and their views): ${summary(route)}\n` +
        `  the first request after 100 themes were changed: ${changed.map((t) => t.toFixed(0)).join(', ')} ms`,
    );
  } finally {
    await orm.close();
    await stopServices();
  }
}

export async function previewPng(): Promise<void> {
  const processor = new SharpImageProcessor(40_000_000);
  const files = new ThemeFiles(processor, new LruRenderedCache(64 * MiB));
  const random = seeded(3);
  const themes = Array.from({ length: 30 }, (_, i) =>
    Theme.create({ id: randomUUID(), ownerId: randomUUID(), slug: `t${i}`, name: `Theme ${i}`, description: '', status: 'published', categoryId: null, colors: themePalette(random), tags: [] }, new Date()),
  );
  // The first render loads fonts: measured apart.
  const [first] = await timed(1, () => files.encode(themes[0]!, 'png'));
  const uncached = await timed(themes.length - 1, (i) => files.encode(themes[i + 1]!, 'png'));
  const cached = await timed(themes.length - 1, (i) => files.encode(themes[i + 1]!, 'png'));
  const [u, c] = [percentile(uncached, 0.5), percentile(cached, 0.5)];
  console.log(
    `preview PNG (960 px wide, 6–8 colours with their role-pair badges): first render ${first!.toFixed(0)} ms (fonts load); ` +
      `uncached ${summary(uncached)}; ${verdict(u, 30)}\n  from the cache ${summary(cached)}: ${(u / c).toFixed(0)}× faster`,
  );
}
