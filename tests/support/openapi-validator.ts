import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`: Node hands the module object to an ESM default import.
const addFormats = ajvFormats.default;

type Json = Record<string, unknown>;
type Operation = { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema?: Json }> }; responses: Record<string, ResponseDoc> };
type ResponseDoc = { headers?: Record<string, Json>; content?: Record<string, { schema?: Json }> };
export type OpenApiDocument = { paths: Record<string, Record<string, Operation | string>>; components?: { headers?: Record<string, Json> } };

/** One request and its answer, as a test saw them. */
export type Exchange = {
  method: string;
  /** Path and query, as sent. */
  url: string;
  requestHeaders: Record<string, string>;
  /** What the test sent as the body: an object for JSON and forms, a string, or nothing. */
  requestBody?: unknown;
  status: number;
  /** Lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** The body as text, when it was read as text. */
  text?: string;
  /** The body as bytes, when it was read as bytes. */
  bytes?: Buffer;
};

/**
 * Headers that say something about the resource or the exchange: whenever the server sends one,
 * the document must declare it on that response. (Transport, security and CORS headers are not its business.)
 */
const DECLARED_WHEN_SENT = ['x-request-id', 'location', 'etag', 'cache-control', 'last-modified', 'expires', 'retry-after', 'www-authenticate', 'allow', 'content-range', 'content-disposition', 'accept-ranges'];

/** Request headers that change what a route answers: a route that honours one declares it as a parameter. */
const DECLARED_WHEN_HONOURED = ['if-match', 'if-none-match', 'range'];

const JSON_MEDIA = /^application\/(?:[\w.-]+\+)?json$/;

/** The keys of a path item that are operations (a path item also has `description`, `parameters`, …). */
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation of a document, as `{ path, method, operation }`. */
export function operationsOf<O = Operation>(document: { paths: Record<string, Record<string, unknown>> }): { path: string; method: string; operation: O }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation: operation as O })),
  );
}

/**
 * Checks exchanges against an OpenAPI 3.1 document: the operation exists (or the path answers 405
 * with the `Allow` the document implies), the status is documented, the headers are the documented
 * ones, the body has a documented media type and matches its schema (JSON Schema 2020-12, by Ajv).
 * Requests the server accepted (2xx, 3xx) must also be ones the document allows: their query
 * parameters, conditional and range headers, and JSON or form bodies.
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; segments: string[] }[];

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    // Bytes are described as `format: binary` strings; their content is not JSON's to check.
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema(document as Json, 'openapi');
    this.templates = Object.keys(document.paths).map((template) => ({ template, segments: template.split('/') }));
  }

  /** What is wrong with the exchange, as the document sees it; empty when nothing is. */
  check(exchange: Exchange): string[] {
    const { pathname, searchParams } = new URL(exchange.url, 'http://localhost');
    const method = exchange.method.toLowerCase();
    const candidates = this.candidatesFor(pathname);
    const operationMethod = method === 'head' ? 'get' : method;
    const found = candidates.find((c) => HTTP_METHODS.includes(operationMethod) && this.document.paths[c]![operationMethod]);
    if (found) {
      const pointer = `/paths/${escape(found)}/${operationMethod}`;
      const problems = this.checkResponse(this.document.paths[found]![operationMethod] as Operation, pointer, exchange, method === 'head');
      if (exchange.status < 400) problems.push(...this.checkAcceptedRequest(this.document.paths[found]![operationMethod] as Operation, pointer, exchange, searchParams));
      return problems;
    }
    if (candidates.length) return this.checkOtherMethod(candidates, exchange);
    // A path the API does not have: a problem (404, or 400 for a malformed one); pages outside the API are not its business.
    if (!/^\/(api|health)(\/|$)/.test(pathname)) return [];
    return this.checkBody(this.problemSchemaPointer(), 'application/problem+json', exchange, 'an unknown path');
  }

  /** The templates that match a path, the most literal first (Express serves `/users/me` before `/users/{username}`). */
  private candidatesFor(pathname: string): string[] {
    const segments = (pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname).split('/');
    return this.templates
      .filter((t) => t.segments.length === segments.length && t.segments.every((s, i) => s.startsWith('{') || s === segments[i]))
      .sort((a, b) => literalRank(b.segments) - literalRank(a.segments))
      .map((t) => t.template);
  }

  /** A method no operation of the path has: 405 (or 204 to OPTIONS) with the `Allow` the document implies. */
  private checkOtherMethod(candidates: string[], exchange: Exchange): string[] {
    const methods = new Set<string>();
    for (const template of candidates)
      for (const method of Object.keys(this.document.paths[template]!)) {
        if (!HTTP_METHODS.includes(method)) continue;
        methods.add(method.toUpperCase());
        if (method === 'get') methods.add('HEAD');
      }
    const allow = [...methods].sort().join(', ');
    const method = exchange.method.toUpperCase();
    // A CORS preflight is answered by the CORS middleware, with its own headers.
    if (method === 'OPTIONS' && lower(exchange.requestHeaders)['access-control-request-method']) return [];
    const problems: string[] = [];
    const expected = method === 'OPTIONS' ? 204 : 405;
    if (exchange.status !== expected && exchange.status !== 400)
      problems.push(`${method} is not an operation of ${candidates[0]}: expected ${expected}, got ${exchange.status} (undocumented)`);
    if (exchange.status === expected && headerOf(exchange, 'allow') !== allow) problems.push(`Allow is ${String(headerOf(exchange, 'allow'))}, the document implies ${allow}`);
    if (!headerOf(exchange, 'x-request-id')) problems.push('no X-Request-Id');
    if (exchange.status >= 400) problems.push(...this.checkBody(this.problemSchemaPointer(), 'application/problem+json', exchange, `${exchange.status}`));
    return problems;
  }

  private checkResponse(operation: Operation, pointer: string, exchange: Exchange, head: boolean): string[] {
    const status = String(exchange.status);
    const key = [status, `${status[0]}XX`, 'default'].find((k) => operation.responses[k]);
    if (!key) return [`status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
    const response = operation.responses[key]!;
    const problems = this.checkHeaders(response, exchange, status);
    const hasBody = !head && Number(headerOf(exchange, 'content-length') ?? 0) + (headerOf(exchange, 'transfer-encoding') === 'chunked' ? 1 : 0) > 0;
    const content = response.content ?? {};
    if (!hasBody) {
      if (!head && Object.keys(content).length && status !== '304') problems.push(`${status} came without a body; the document declares ${Object.keys(content).join(', ')}`);
      return problems;
    }
    const mediaType = String(headerOf(exchange, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const documented = Object.keys(content).find((type) => type === mediaType || (type.endsWith('/*') && mediaType.startsWith(type.slice(0, -1))) || type === '*/*');
    if (!documented) return [...problems, `${status} sent ${mediaType || 'a body without a Content-Type'}; the document declares ${Object.keys(content).join(', ') || 'no body'}`];
    if (!content[documented]!.schema) return problems;
    return [...problems, ...this.checkBody(`${pointer}/responses/${escape(key)}/content/${escape(documented)}/schema`, mediaType, exchange, status)];
  }

  private checkHeaders(response: ResponseDoc, exchange: Exchange, status: string): string[] {
    const problems: string[] = [];
    const declared = new Map(Object.entries(response.headers ?? {}).map(([name, header]) => [name.toLowerCase(), this.resolve(header)]));
    for (const [name, header] of declared)
      if (header.required === true && headerOf(exchange, name) === undefined) problems.push(`${status} lacks the ${name} header the document requires`);
    for (const name of DECLARED_WHEN_SENT)
      if (headerOf(exchange, name) !== undefined && !declared.has(name)) problems.push(`${status} sends ${name}: ${String(headerOf(exchange, name))}, which the document does not declare`);
    return problems;
  }

  /** The body against a schema, when it is JSON (text and bytes are only typed). */
  private checkBody(schemaPointer: string, mediaType: string, exchange: Exchange, what: string): string[] {
    if (!JSON_MEDIA.test(mediaType)) return [];
    const text = exchange.text ?? exchange.bytes?.toString('utf8');
    if (text === undefined) return [];
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return [`${what}: the ${mediaType} body is not JSON: ${text.slice(0, 100)}`];
    }
    return this.schemaErrors(schemaPointer, body).map((error) => `${what} body: ${error}`);
  }

  /** A request the server accepted must be one the document allows (its input schemas are not stricter than the server). */
  private checkAcceptedRequest(operation: Operation, pointer: string, exchange: Exchange, query: URLSearchParams): string[] {
    const problems: string[] = [];
    const declared = new Set((operation.parameters ?? []).map((p) => `${p.in}:${p.name.toLowerCase()}`));
    for (const name of new Set(query.keys())) if (!declared.has(`query:${name.toLowerCase()}`)) problems.push(`the server accepted the query parameter ${name}, which the document does not declare`);
    const headers = lower(exchange.requestHeaders);
    for (const name of DECLARED_WHEN_HONOURED) if (headers[name] !== undefined && !declared.has(`header:${name}`)) problems.push(`the request header ${name} is not a documented parameter`);
    const contentType = (headers['content-type'] ?? '').split(';')[0]!.trim();
    const body = operation.requestBody?.content[contentType];
    if (body?.schema && typeof exchange.requestBody === 'object' && exchange.requestBody !== null && !Buffer.isBuffer(exchange.requestBody)) {
      const sent = contentType === 'application/x-www-form-urlencoded' ? Object.fromEntries(Object.entries(exchange.requestBody).map(([k, v]) => [k, String(v)])) : exchange.requestBody;
      for (const error of this.schemaErrors(`${pointer}/requestBody/content/${escape(contentType)}/schema`, sent))
        problems.push(`the server accepted a body the document refuses: ${error}`);
    }
    return problems;
  }

  /** What is wrong with a value, as the schema at a JSON pointer of the document sees it. */
  schemaErrors(schemaPointer: string, value: unknown): string[] {
    let validate = this.compiled.get(schemaPointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi#${schemaPointer}` });
      this.compiled.set(schemaPointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
  }

  private problemSchemaPointer(): string {
    return '/components/schemas/Problem';
  }

  private resolve(node: Json): Json {
    const ref = node.$ref;
    if (typeof ref !== 'string') return node;
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((at, key) => (at as Json)[key.replaceAll('~1', '/').replaceAll('~0', '~')], this.document) as Json;
  }
}

/** A higher rank for literal segments earlier in the path. */
function literalRank(segments: string[]): number {
  return segments.reduce((rank, segment, i) => rank + (segment.startsWith('{') ? 0 : 2 ** (segments.length - i)), 0);
}

function escape(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function headerOf(exchange: Exchange, name: string): string | string[] | undefined {
  return exchange.headers[name];
}
