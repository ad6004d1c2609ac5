import { z } from 'zod';
import { MEDIA_TYPES, NO_STORE, PRIVATE_REVALIDATE, PUBLIC_REVALIDATE, type Api, type RouteDef } from './api.ts';
import { STATUS_BY_CODE, type ErrorCode } from './problem.ts';
import { ProblemSchema } from './schemas.ts';

type JsonSchema = Record<string, unknown>;

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

/**
 * The OpenAPI 3.1 document of every route the Api serves, generated from the same zod schemas that
 * validate requests. Schemas with a `meta({ id })` become shared components.
 */
export function buildOpenApi(api: Api, info: { version: string; serverUrl: string }): Record<string, unknown> {
  const components = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of api.routes) {
    const path = (route.base + route.path).replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = operation(route, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Themes API',
      version: info.version,
      description: 'Colour themes: palettes, tags, categories, images and favourites. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: info.serverUrl }],
    tags: TAGS,
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        oauth2: { type: 'oauth2', flows: { password: { tokenUrl: '/api/v1/auth/token', scopes: {} } } },
      },
    },
  };
}

function operation(route: RouteDef & { base: string }, components: Components): Record<string, unknown> {
  const op: Record<string, unknown> = {
    tags: [route.tag],
    summary: route.summary,
    operationId: operationId(route),
  };
  if (route.description) op.description = route.description;
  if (route.auth === 'user') op.security = [{ bearer: [] }, { oauth2: [] }];
  if (route.auth === 'optional') op.security = [{}, { bearer: [] }, { oauth2: [] }];

  const parameters: unknown[] = [];
  for (const [name, description] of Object.entries(route.params ?? {}))
    parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string' } });
  if (route.query) {
    const query = components.inline(route.query, 'input');
    const props = (query.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((query.required ?? []) as string[]);
    for (const [name, schema] of Object.entries(props)) parameters.push({ name, in: 'query', required: required.has(name), schema });
  }
  parameters.push({ name: 'X-Request-Id', in: 'header', required: false, description: 'echoed back; generated when absent', schema: { type: 'string' } });
  if (route.response.conditional || route.caching === 'revalidate')
    parameters.push({ name: 'If-None-Match', in: 'header', required: false, description: 'an ETag this route sent: 304 while it is current', schema: { type: 'string' } });
  op.parameters = parameters;

  if (route.body) {
    const mediaType = MEDIA_TYPES[route.body.type ?? 'json'];
    const content: Record<string, unknown> = { schema: components.ref(route.body.schema, 'input') };
    if (route.body.example !== undefined) content.example = route.body.example;
    op.requestBody = { required: true, content: { [mediaType]: content } };
  }

  const responses: Record<string, unknown> = {};
  const ok: Record<string, unknown> = { description: route.response.description };
  const media = route.response.media ?? (route.response.schema ? { [route.response.contentType ?? 'application/json']: route.response.schema } : {});
  if (Object.keys(media).length)
    ok.content = Object.fromEntries(Object.entries(media).map(([type, schema]) => [type, { schema: components.ref(schema, 'output') }]));
  ok.headers = { ...responseHeaders(route.response.headers), ...cachingHeaders(route) };
  responses[String(route.response.status)] = ok;
  for (const other of route.alternatives ?? []) responses[String(other.status)] = { description: other.description, headers: responseHeaders(other.headers) };
  if (route.response.conditional || route.caching === 'revalidate')
    responses['304'] = { description: 'not modified: the If-None-Match ETag is current', headers: { ...responseHeaders({ ETag: 'the current one' }), ...cachingHeaders(route) } };

  const byStatus = new Map<number, ErrorCode[]>();
  // A path parameter with a malformed percent-escape is refused before the route runs.
  const byPath: ErrorCode[] = route.params && !route.errors.includes('malformed_request') ? ['malformed_request'] : [];
  for (const code of [...route.errors, ...byPath, ...ALWAYS]) {
    const status = STATUS_BY_CODE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const problem = components.ref(ProblemSchema, 'output');
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `problem: ${codes.join(', ')}`,
      content: { 'application/problem+json': { schema: problem, example: { type: 'about:blank', status, code: codes[0], detail: '…', requestId: '…' } } },
    };
  }
  op.responses = responses;
  return op;
}

function responseHeaders(documented: Record<string, string> = {}): Record<string, unknown> {
  const headers: Record<string, unknown> = { 'X-Request-Id': { schema: { type: 'string' } } };
  for (const [name, description] of Object.entries(documented)) headers[name] = { description, schema: { type: 'string' } };
  return headers;
}

/** The caching headers a route answers with (API.md, Caching), from its declaration. */
function cachingHeaders(route: RouteDef): Record<string, unknown> {
  if (route.caching === 'no-store') return { 'Cache-Control': { description: 'a private resource: never stored', schema: { type: 'string', const: NO_STORE } } };
  if (route.caching !== 'revalidate') return {};
  const headers: Record<string, unknown> = {
    ETag: { description: route.response.headers?.ETag ?? 'changes whenever the body would; send it back as If-None-Match', schema: { type: 'string' } },
    'Cache-Control': {
      description: `\`${PUBLIC_REVALIDATE}\` to anonymous readers, \`${PRIVATE_REVALIDATE}\` with a token`,
      schema: { type: 'string', enum: [PUBLIC_REVALIDATE, PRIVATE_REVALIDATE] },
    },
  };
  if (route.auth === 'optional') headers.Vary = { description: 'Authorization: the answer depends on the token', schema: { type: 'string' } };
  return headers;
}

function operationId(route: RouteDef & { base: string }): string {
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
    const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
    const json = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
    delete json.$schema;
    for (const [id, def] of Object.entries((json.$defs ?? {}) as Record<string, JsonSchema>)) this.schemas[id] ??= def;
    delete json.$defs;
    return json;
  }
}
