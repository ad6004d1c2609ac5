import SwaggerParser from '@apidevtools/swagger-parser';
import { expect } from 'chai';
import type { Express } from 'express';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Runtime } from '../../bootstrap/container.ts';
import { testApp, testRuntime } from '../support/runtime.ts';

type Document = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

/** The HTTP contract, beside the repository (in CI the clone has ../shared next to it). */
const API_MD = path.resolve(import.meta.dirname, '../../../shared/API.md');

/**
 * Routes the server serves and documents that API.md does not list: routes of later issues are
 * specified there and documented in OpenAPI, not added to API.md. Each entry is `METHOD /path`.
 */
const ROUTES_BEYOND_API_MD: string[] = [
  // Direct uploads (issue 17; docs/api.md).
  'POST /api/v1/themes/{id}/uploads',
  'POST /api/v1/users/me/avatar/uploads',
  'POST /api/v1/uploads/{ticketId}/content',
  'PUT /api/v1/uploads/{ticketId}/content',
  'POST /api/v1/uploads/{ticketId}/commit',
  // Sessions, sign-in history and statistics (issue 14; docs/api.md).
  'GET /api/v1/users/me/sessions',
  'DELETE /api/v1/users/me/sessions/{id}',
  'GET /api/v1/users/me/logins',
  'GET /api/v1/admin/users/{id}/logins',
  'GET /api/v1/admin/stats',
  // Palette intelligence (issue 15; docs/api.md).
  'GET /api/v1/themes/{idOrSlug}/accessibility',
  'GET /api/v1/themes/{idOrSlug}/preview.svg',
  'GET /api/v1/themes/{idOrSlug}/preview.png',
  'GET /api/v1/themes/{idOrSlug}/similar',
  'POST /api/v1/palettes/extract',
];

/** API.md routes served by mounted middleware rather than the router: checked by a request instead. */
const SERVED_OUTSIDE_THE_ROUTER = ['GET /docs'];

/**
 * Every route of API.md's tables, as `METHOD /full/path/{param}`: the first cell of a table row
 * names one or more `METHOD /path`; the paths of the Operations table are absolute, the others
 * relative to the base path.
 */
function apiMdRoutes(markdown: string): string[] {
  const routes: string[] = [];
  let section = '';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) section = line.slice(3).trim();
    if (!line.startsWith('|')) continue;
    const firstCell = line.split(/(?<!\\)\|/)[1] ?? '';
    for (const [, method, route] of firstCell.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^`?\s]*)[^`]*`/g))
      routes.push(`${method} ${section === 'Operations' ? route : `/api/v1${route}`}`);
  }
  return routes;
}

/**
 * Every API route Express's own router stack serves, as `METHOD /path/{param}` (not the catch-alls that answer 405
 * with `Allow`). The web pages served beside the API (adapters/web, docs/api.md's "Web pages") are not API routes.
 */
function servedRoutes(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: unknown[]) => {
    for (const layer of stack as { route?: { path: string | string[]; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[]) {
      if (layer.route)
        for (const path of ([] as string[]).concat(layer.route.path).filter((p) => /^\/(api|health)\//.test(p)))
          for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) routes.push(`${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: unknown[] } }).router.stack);
  return routes;
}

const sorted = (routes: string[]) => [...routes].sort();

describe('OpenAPI document', () => {
  let runtime: Runtime;
  let app: Express;
  let document: Document;
  let documented: string[];
  let contract: string[];

  before(async () => {
    runtime = await testRuntime();
    app = testApp(runtime);
    document = (await request(app).get('/api/v1/openapi.json').expect(200)).body as Document;
    documented = Object.entries(document.paths).flatMap(([route, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${route}`));
    contract = [...apiMdRoutes(readFileSync(API_MD, 'utf8')), ...ROUTES_BEYOND_API_MD];
  });
  after(() => runtime.close());

  it('reads the routes of API.md', () => {
    expect(contract).to.include.members(['POST /api/v1/auth/register', 'PUT /api/v1/themes/{id}/favorite', 'DELETE /api/v1/themes/{id}/favorite', 'GET /health/live']);
    expect(new Set(contract).size, 'a route listed twice').to.equal(contract.length);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    await SwaggerParser.validate(structuredClone(document) as never);
  });

  it('serves exactly the routes of API.md (and the listed later ones), as Express’s router has them', () => {
    expect(sorted(servedRoutes(app))).to.deep.equal(sorted(contract.filter((r) => !SERVED_OUTSIDE_THE_ROUTER.includes(r))));
  });

  it('documents exactly the API routes of API.md (and the listed later ones)', () => {
    const api = contract.filter((r) => !SERVED_OUTSIDE_THE_ROUTER.includes(r) && !r.endsWith(' /api/v1/openapi.json'));
    expect(sorted(documented)).to.deep.equal(sorted(api));
  });

  it('documents problem responses on every operation', () => {
    for (const ops of Object.values(document.paths))
      for (const op of Object.values(ops)) expect(Object.keys(op.responses)).to.include.members(['500', '503']);
  });

  it('documents 400 on every operation with a path parameter (a malformed percent-escape in it)', () => {
    const withParams = Object.entries(document.paths).filter(([path]) => path.includes('{'));
    expect(withParams).to.have.length.greaterThan(5);
    for (const [path, ops] of withParams)
      for (const [method, op] of Object.entries(ops)) expect(Object.keys(op.responses), `${method} ${path}`).to.include('400');
  });

  it('offers bearer and OAuth2 password security, with the token endpoint', () => {
    const schemes = (document as unknown as { components: { securitySchemes: Record<string, unknown> } }).components.securitySchemes;
    expect(schemes.oauth2).to.deep.equal({ type: 'oauth2', flows: { password: { tokenUrl: '/api/v1/auth/token', scopes: {} } } });
    expect(schemes.bearer).to.include({ type: 'http', scheme: 'bearer' });
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await request(app).get('/docs/');
    expect(res.status).to.equal(200);
    expect(res.text).to.include('swagger-ui');
  });
});
