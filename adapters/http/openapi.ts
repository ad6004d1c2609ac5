import { z } from 'zod';
import { MEDIA_TYPES, NO_STORE, PRIVATE_REVALIDATE, PUBLIC_REVALIDATE, type Api, type HeaderDocs, type RouteDef } from './api.ts';
import { PROBLEM_CACHE_CONTROL, STATUS_BY_CODE, titleOf, type ErrorCode } from './problem.ts';
import { ProblemSchema } from './schemas.ts';

type JsonSchema = Record<string, unknown>;
type Route = RouteDef & { base: string };
type Responses = Record<string, Record<string, unknown>>;

/** What every route can answer: a fault of ours, or a dependency that is down. */
const ALWAYS: ErrorCode[] = ['internal_error', 'unavailable'];

const TAGS = [
  { name: 'auth', description: 'Accounts, sessions and tokens' },
  { name: 'users', description: 'Profiles and favourites' },
  { name: 'categories', description: 'The catalogue’s categories' },
  { name: 'themes', description: 'Colour themes: search, create, change, favourite, export, preview, accessibility, similar themes' },
  { name: 'palettes', description: 'Palettes extracted from images' },
  { name: 'admin', description: 'Accounts and the audit trail, for administrators' },
  { name: 'images', description: 'Covers, previews and avatars: uploads decided by their bytes, thumbnails, cached content' },
  { name: 'operations', description: 'Health checks and documentation' },
];

const DESCRIPTION = [
  'Colour themes: palettes, tags, categories, images and favourites.',
  '',
  'Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`. Every response carries `X-Request-Id`.',
  'A path answers the methods of its operations (HEAD with each GET); any other method answers `405 method_not_allowed` with `Allow`, and OPTIONS answers 204 with `Allow` (each path’s description lists them).',
  'Request schemas describe what the server accepts; some values are normalised (trimmed, lower-cased), and response schemas describe the normalised form.',
  '',
  'Changes as they happen, and your notifications: the WebSocket API at `/api/v1/ws`, described by its AsyncAPI 3.0 document, [/api/v1/asyncapi.json](/api/v1/asyncapi.json).',
].join('\n');

const X_REQUEST_ID = { $ref: '#/components/headers/X-Request-Id' };

/**
 * The OpenAPI 3.1 document of every route the Api serves, generated from the same zod schemas that
 * validate requests and the same declarations Express serves. Schemas with a `meta({ id })` become
 * shared components.
 */
export function buildOpenApi(api: Api, info: { version: string; serverUrl: string }): Record<string, unknown> {
  const components = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of api.routes) {
    const path = templateOf(route);
    paths[path] ??= {};
    if (paths[path][route.method]) throw new Error(`${route.method.toUpperCase()} ${path} is declared twice`);
    paths[path][route.method] = operation(route, components);
  }
  for (const [path, item] of Object.entries(paths)) {
    const allow = allowedAt(path, Object.keys(paths), paths);
    item.description = `Other methods answer 405 method_not_allowed with \`Allow: ${allow}\`; OPTIONS answers 204 with that \`Allow\`.`;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Themes API', version: info.version, description: DESCRIPTION, license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } },
    servers: [{ url: info.serverUrl }],
    tags: TAGS,
    paths,
    components: {
      schemas: components.schemas,
      headers: { 'X-Request-Id': { description: 'the client’s own value when it sent a usable one, else a new one', required: true, schema: { type: 'string' } } },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        oauth2: { type: 'oauth2', flows: { password: { tokenUrl: '/api/v1/auth/token', scopes: {} } } },
      },
    },
  };
}

/** `/api/v1/themes/:idOrSlug` → `/api/v1/themes/{idOrSlug}`. */
function templateOf(route: Route): string {
  return (route.base + route.path).replace(/:(\w+)/g, '{$1}');
}

/**
 * The methods Express answers at a path: those of every declared pattern a URL of this path matches
 * (`/users/me` is matched by `/users/{username}` too), HEAD with GET. The server computes the same.
 */
function allowedAt(path: string, templates: string[], paths: Record<string, Record<string, unknown>>): string {
  const segments = path.split('/');
  const methods = new Set<string>();
  for (const template of templates) {
    const other = template.split('/');
    const matches = other.length === segments.length && other.every((s, i) => s.startsWith('{') || s === segments[i]);
    if (!matches) continue;
    for (const method of Object.keys(paths[template] ?? {}).filter((key) => key !== 'description')) {
      methods.add(method.toUpperCase());
      if (method === 'get') methods.add('HEAD');
    }
  }
  return [...methods].sort().join(', ');
}

function operation(route: Route, components: Components): Record<string, unknown> {
  const op: Record<string, unknown> = {
    tags: [route.tag],
    summary: route.summary,
    operationId: operationId(route),
  };
  if (route.description) op.description = route.description;
  op.security = { none: [], user: [{ bearer: [] }, { oauth2: [] }], optional: [{}, { bearer: [] }, { oauth2: [] }] }[route.auth];

  const parameters: unknown[] = [];
  for (const [name, description] of Object.entries(route.params ?? {}))
    parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string' } });
  if (route.query) {
    const query = components.inline(route.query, 'input');
    const props = (query.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((query.required ?? []) as string[]);
    for (const [name, schema] of Object.entries(props)) parameters.push({ name, in: 'query', required: required.has(name), schema });
  }
  const requestHeaders: Record<string, string> = { 'X-Request-Id': 'echoed back; generated when absent', ...route.requestHeaders };
  if (conditional(route)) requestHeaders['If-None-Match'] = 'an ETag this route sent: 304 while it is current';
  if (route.response.ranges) requestHeaders.Range = '`bytes=<first>-<last>`, `bytes=<first>-` or `bytes=-<suffix length>`: one range (206); several are answered whole';
  for (const [name, description] of Object.entries(requestHeaders)) parameters.push({ name, in: 'header', required: false, description, schema: { type: 'string' } });
  op.parameters = parameters;

  if (route.body) {
    const mediaType = MEDIA_TYPES[route.body.type ?? 'json'];
    const content: Record<string, unknown> = { schema: components.ref(route.body.schema, 'input') };
    if (route.body.example !== undefined) content.example = route.body.example;
    op.requestBody = { required: true, content: { [mediaType]: content } };
  }

  const responses: Responses = {};
  const { response } = route;
  const sent = successHeaders(route);
  const content = successContent(route, components);
  if (response.status === 201 && !sent.Location) throw new Error(`${route.method.toUpperCase()} ${templateOf(route)} answers 201 without a Location`);
  const values = cachingValues(route);
  responses[String(response.status)] = { description: response.description, ...content, headers: headers(sent, [], values) };
  if (response.ranges)
    responses['206'] = {
      description: 'the requested range of the bytes',
      ...content,
      headers: headers({ ...sent, 'Content-Range': '`bytes <first>-<last>/<size>`' }),
    };
  if (conditional(route)) {
    const { ETag, 'Cache-Control': cacheControl } = sent;
    if (!ETag) throw new Error(`${route.method.toUpperCase()} ${templateOf(route)} answers 304 without an ETag`);
    responses['304'] = { description: 'not modified: the If-None-Match ETag is current; no body', headers: headers({ ETag, ...(cacheControl ? { 'Cache-Control': cacheControl } : {}) }, [], values) };
  }
  for (const other of route.alternatives ?? [])
    responses[String(other.status)] = {
      description: other.description,
      ...(other.schema ? { content: { [other.contentType ?? 'application/json']: { schema: components.ref(other.schema, 'output') } } } : {}),
      headers: headers(other.headers),
    };
  addProblems(route, responses, components);
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
  return op;
}

/** A route that sends an ETag answers 304 to a matching If-None-Match. */
function conditional(route: Route): boolean {
  return Boolean(route.response.conditional) || route.caching === 'revalidate';
}

/** The headers of a successful answer: those the route declares, and those its caching policy sends (api.ts). */
function successHeaders(route: Route): HeaderDocs {
  const byCaching: HeaderDocs = {};
  if (route.caching === 'no-store') byCaching['Cache-Control'] = `\`${NO_STORE}\`: a private resource, never stored`;
  if (route.caching === 'revalidate') {
    byCaching.ETag = 'changes whenever the body would; send it back as If-None-Match';
    byCaching['Cache-Control'] = `\`${PUBLIC_REVALIDATE}\` to anonymous readers, \`${PRIVATE_REVALIDATE}\` with a token`;
    if (route.auth === 'optional') byCaching.Vary = '`Authorization`: the answer depends on the token';
  }
  return { ...byCaching, ...route.response.headers };
}

/** The exact Cache-Control values a caching policy sends, unless the route documents its own. */
function cachingValues(route: Route): Record<string, string[]> {
  if (route.response.headers?.['Cache-Control']) return {};
  if (route.caching === 'no-store') return { 'Cache-Control': [NO_STORE] };
  if (route.caching === 'revalidate') return { 'Cache-Control': [PUBLIC_REVALIDATE, PRIVATE_REVALIDATE] };
  return {};
}

function successContent(route: Route, components: Components): { content?: Record<string, unknown> } {
  const { response } = route;
  const media = response.media ?? (response.schema ? { [response.contentType ?? 'application/json']: response.schema } : {});
  if (!Object.keys(media).length) return {};
  return { content: Object.fromEntries(Object.entries(media).map(([type, schema]) => [type, { schema: components.ref(schema, 'output') }])) };
}

/** The error codes a route can answer: its own, those its declaration implies, and those of every route. */
function errorCodes(route: Route): ErrorCode[] {
  const implied: ErrorCode[] = [];
  if (route.auth !== 'none') implied.push('unauthenticated');
  // A malformed percent-escape in a path parameter, or a broken body, is refused before the route runs.
  if (route.params || route.body) implied.push('malformed_request');
  if (route.body && (route.body.type ?? 'json') !== 'multipart' && route.body.type !== 'binary') implied.push('payload_too_large');
  if (route.response.ranges) implied.push('range_not_satisfiable');
  return [...new Set([...route.errors, ...implied, ...ALWAYS])];
}

/** Problem responses, one per status, with the codes it may carry; merged into an alternative answer of the same status. */
function addProblems(route: Route, responses: Responses, components: Components): void {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodes(route)) byStatus.set(STATUS_BY_CODE[code], [...(byStatus.get(STATUS_BY_CODE[code]) ?? []), code]);
  const problem = components.ref(ProblemSchema, 'output');
  for (const [status, codes] of byStatus) {
    const documented: HeaderDocs = { 'Cache-Control': `\`${PROBLEM_CACHE_CONTROL}\`` };
    if (status === 401 && codes.includes('unauthenticated'))
      documented['WWW-Authenticate'] = codes.length === 1 ? '`Bearer realm="themes-api"`' : '`Bearer realm="themes-api"` with `unauthenticated`';
    if (status === 429 || status === 503) documented['Retry-After'] = 'seconds to wait before trying again';
    if (status === 416) documented['Content-Range'] = '`bytes */<size>`';
    const optional = status === 401 && codes.length > 1 ? ['WWW-Authenticate'] : [];
    const entry = {
      schema: { allOf: [problem, { properties: { code: { enum: codes } } }] },
      example: { type: 'about:blank', title: titleOf(status), status, code: codes[0], detail: '…', requestId: '…' },
    };
    const existing = responses[String(status)];
    if (existing) {
      // The same status in another shape (the health check's 503): either body, the headers both send.
      existing.description = `${String(existing.description)}; or a problem: ${codes.join(', ')}`;
      existing.content = { ...(existing.content as object), 'application/problem+json': entry };
      for (const name of Object.keys(documented)) (existing.headers as Record<string, unknown>)[name] = header(documented[name]!, false);
      continue;
    }
    responses[String(status)] = {
      description: `problem: ${codes.join(', ')}`,
      content: { 'application/problem+json': entry },
      headers: headers(documented, optional),
    };
  }
}

function header(description: string, required: boolean, values?: string[]): Record<string, unknown> {
  return { description, required, schema: values ? { type: 'string', enum: values } : { type: 'string' } };
}

/**
 * Response headers: X-Request-Id on every response, then the documented ones, sent every time unless
 * named optional; `values` lists the only values a header takes, where they are known.
 */
function headers(documented: HeaderDocs = {}, optional: string[] = [], values: Record<string, string[]> = {}): Record<string, unknown> {
  const all: Record<string, unknown> = { 'X-Request-Id': X_REQUEST_ID };
  for (const [name, description] of Object.entries(documented)) all[name] = header(description, !optional.includes(name), values[name]);
  return all;
}

function operationId(route: Route): string {
  const words = (route.base + route.path).replace('/api/v1', '').split(/[^a-zA-Z0-9]+/).filter(Boolean);
  return route.method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** Collects zod schemas as JSON Schema 2020-12 (OpenAPI 3.1's dialect); those with a `meta({ id })` become components. */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  ref(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    return this.inline(schema, io);
  }

  inline(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any', override: io === 'input' ? acceptedBeforeNormalising : undefined });
    const json = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
    delete json.$schema;
    for (const [id, def] of Object.entries((json.$defs ?? {}) as Record<string, JsonSchema>)) {
      if (this.schemas[id] && JSON.stringify(this.schemas[id]) !== JSON.stringify(def)) throw new Error(`schema ${id} differs between uses (input and output?)`);
      this.schemas[id] = def;
    }
    delete json.$defs;
    return json;
  }
}

/**
 * A request string that is trimmed or lower-cased before its pattern is checked is accepted with
 * surrounding whitespace and in any case: its documented pattern says so (`" X@EXAMPLE.COM "`,
 * `#AABBCC` and `Blue` are accepted, then normalised). The response schemas keep the strict form.
 */
function acceptedBeforeNormalising(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const def = (ctx.zodSchema as { _zod: { def: { type: string; checks?: { _zod: { def: { check: string; tx?: (v: string) => string; format?: string } } }[] } } })._zod.def;
  if (def.type !== 'string') return;
  let normalise = (value: string) => value;
  for (const check of def.checks ?? []) {
    const { check: kind, tx, format } = check._zod.def;
    if (kind === 'overwrite' && tx) {
      const before = normalise;
      normalise = (value) => tx(before(value));
    }
    if (kind === 'string_format' && format === 'regex') break;
  }
  const trims = normalise(' a ') === 'a';
  const lowers = normalise('A') === 'a';
  if (!trims && !lowers) return;
  const relax = (pattern: string) => {
    let source = lowers ? caseInsensitive(pattern) : pattern;
    if (trims && source.startsWith('^') && source.endsWith('$')) source = `^\\s*(?:${source.slice(1, -1)})\\s*$`;
    return source;
  };
  const json = ctx.jsonSchema;
  if (typeof json.pattern === 'string') json.pattern = relax(json.pattern);
  for (const part of (json.allOf ?? []) as JsonSchema[]) if (typeof part.pattern === 'string') part.pattern = relax(part.pattern);
  json.description = [json.description, `${[trims && 'trimmed', lowers && 'lower-cased'].filter(Boolean).join(' and ')} before it is checked and stored`]
    .filter(Boolean)
    .join('; ');
}

/** The pattern that also matches the upper-case form of what `source` matches (JSON Schema patterns take no flags). */
function caseInsensitive(source: string): string {
  let out = '';
  let inClass = false;
  let negated = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      // An escape (`\s`, `\d`, `\.`, `\p{L}`) stands as it is.
      const braced = /^\\[pPu]\{[^}]*\}/.exec(source.slice(i))?.[0];
      const escape = braced ?? source.slice(i, i + 2);
      out += escape;
      i += escape.length - 1;
      continue;
    }
    if (!inClass && c === '[') {
      inClass = true;
      negated = source[i + 1] === '^';
      out += c;
      continue;
    }
    if (inClass && c === ']') {
      inClass = false;
      out += c;
      continue;
    }
    if (!/[a-z]/.test(c)) {
      out += c;
      continue;
    }
    if (inClass && negated) throw new Error(`cannot make /${source}/ case-insensitive: a negated class names letters`);
    if (inClass) {
      const range = /^([a-z])-([a-z])/.exec(source.slice(i));
      if (range) {
        out += `${range[0]}${range[1]!.toUpperCase()}-${range[2]!.toUpperCase()}`;
        i += 2;
      } else out += c + c.toUpperCase();
      continue;
    }
    out += `[${c}${c.toUpperCase()}]`;
  }
  return out;
}
