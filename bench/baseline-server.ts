/**
 * The benchmark's yardstick: what a careful hand-written server does for the same reads. Express 5
 * and pg, one SQL statement per request, the same JSON as the API (items, owner, category, cover,
 * counts, the caller's flags), JWTs checked the same way, no cache. Started by bench/reads.ts as a
 * process of its own, on the API's database.
 */
import { createHmac } from 'node:crypto';
import express, { type Request } from 'express';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import type { Color } from '../domain/themes/color.ts';
import { swatchCardSize } from '../domain/themes/export.ts';

const env = process.env as Record<string, string>;
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });
const links = (id: string) => ({ url: `${env.PUBLIC_URL}/api/v1/images/${id}/content`, thumbnailUrl: `${env.PUBLIC_URL}/api/v1/images/${id}/thumbnail` });

type Row = {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: string;
  colors: Color[];
  accessibility: Record<string, unknown>;
  tags: string[];
  favorite_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  owner_id: string;
  username: string;
  display_name: string;
  category_id: string | null;
  category_slug: string | null;
  category_name: string | null;
  cover_id: string | null;
  cover_width: number | null;
  cover_height: number | null;
  image_count: number;
  favorited: boolean;
};

const SELECT = `
  select t.id, t.slug, t.name, t.description, t.status, t.colors, t.accessibility, t.tags, t.favorite_count, t.version, t.created_at, t.updated_at,
         u.id as owner_id, u.username, u.display_name, c.id as category_id, c.slug as category_slug, c.name as category_name,
         cv.id as cover_id, cv.width as cover_width, cv.height as cover_height,
         (select count(*) from images i where i.theme_id = t.id)::int as image_count,
         coalesce($1::uuid is not null and exists(select 1 from favorites f where f.user_id = $1::uuid and f.theme_id = t.id), false) as favorited
  from themes t join users u on u.id = t.owner_id
  left join categories c on c.id = t.category_id
  left join images cv on cv.theme_id = t.id and cv.kind = 'cover'`;

/** Without a cover image, the theme's swatch card (as the API shows it). */
function preview(r: Row) {
  const url = `${env.PUBLIC_URL}/api/v1/themes/${r.id}/preview.png`;
  return { id: r.id, url, thumbnailUrl: `${url}?size=thumbnail`, ...swatchCardSize(r) };
}

function present(r: Row) {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    status: r.status,
    category: r.category_id ? { id: r.category_id, slug: r.category_slug, name: r.category_name } : null,
    colors: r.colors.map((c) => (c.role ? { name: c.name, hex: c.hex, role: c.role } : { name: c.name, hex: c.hex })),
    accessibility: r.accessibility,
    tags: r.tags,
    owner: { id: r.owner_id, username: r.username, displayName: r.display_name },
    cover: r.cover_id ? { id: r.cover_id, ...links(r.cover_id), width: r.cover_width, height: r.cover_height } : preview(r),
    imageCount: r.image_count,
    favoriteCount: r.favorite_count,
    favorited: r.favorited,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The caller's id from a valid bearer token, checked as the API checks it; null when anonymous. */
function viewer(req: Request): string | null {
  const header = req.get('authorization');
  if (!header) return null;
  const payload = jwt.verify(header.slice(7), env.JWT_SECRET!, { algorithms: ['HS256'], issuer: 'themes-api', audience: 'themes-api' });
  return typeof payload === 'string' ? null : (payload.sub ?? null);
}

const app = express();
app.get('/api/v1/themes', async (req, res) => {
  const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 20)));
  const tag = typeof req.query.tag === 'string' ? req.query.tag : null;
  const { rows } = await pool.query<Row>(
    `${SELECT} where t.status = 'published' and ($2::text is null or t.tags @> array[$2::text]) order by t.created_at desc, t.id desc limit $3`,
    [viewer(req), tag, limit + 1],
  );
  const items = rows.slice(0, limit).map(present);
  const last = rows.length > limit ? items.at(-1) : undefined;
  const position = last && `${last.createdAt}|${last.id}`;
  const nextCursor = position ? `${Buffer.from(position).toString('base64url')}.${createHmac('sha256', env.JWT_SECRET!).update(position).digest('base64url')}` : null;
  res.json({ items, nextCursor });
});
app.get('/api/v1/themes/:id', async (req, res) => {
  const { rows } = await pool.query<Row>(`${SELECT} where t.id = $2::uuid and t.status = 'published'`, [viewer(req), req.params.id]);
  if (!rows[0]) return void res.status(404).json({ code: 'not_found' });
  res.set('ETag', `"${rows[0].version}"`).json(present(rows[0]));
});

const server = app.listen(Number(env.PORT), '127.0.0.1', () => console.log('baseline listening'));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
