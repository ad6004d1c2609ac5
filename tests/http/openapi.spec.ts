import SwaggerParser from '@apidevtools/swagger-parser';
import { expect } from 'chai';
import type { Express } from 'express';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from '../support/http.ts';
import type { Runtime } from '../../bootstrap/container.ts';
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { openApiDocument } from '../../bootstrap/http-server.ts';
import { MemoryObjectStore } from '../../adapters/storage/memory-object-store.ts';
import { aMember } from '../support/actors.ts';
import { anImage } from '../support/images.ts';
import { OpenApiValidator, operationsOf, type OpenApiDocument } from '../support/openapi-validator.ts';
import { testApp, testRuntime } from '../support/runtime.ts';

type Document = { paths: Record<string, Record<string, unknown>> };

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
  // Notifications and the WebSocket API's document (issue 12; docs/api.md).
  'GET /api/v1/asyncapi.json',
  'GET /api/v1/users/me/notifications',
  'POST /api/v1/users/me/notifications/read',
];

/** API.md routes served by mounted middleware rather than the router: checked by a request instead. */
const SERVED_OUTSIDE_THE_ROUTER = ['GET /docs', 'GET /metrics'];

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

/** Routes compared by method and path alone: API.md names parameters as it reads best (`{idOrSlug}`, `{id}`), the document one name per path. */
const sorted = (routes: string[]) => routes.map((route) => route.replace(/\{\w+\}/g, '{}')).sort();

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
    documented = operationsOf(document).map(({ path, method }) => `${method.toUpperCase()} ${path}`);
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
    const api = contract.filter((r) => !SERVED_OUTSIDE_THE_ROUTER.includes(r));
    expect(sorted(documented)).to.deep.equal(sorted(api));
  });

  it('documents problem responses on every operation', () => {
    for (const { operation } of operationsOf(document)) expect(Object.keys(operation.responses)).to.include.members(['500', '503']);
  });

  it('documents 400 on every operation with a path parameter (a malformed percent-escape in it)', () => {
    const withParams = operationsOf(document).filter(({ path }) => path.includes('{'));
    expect(withParams).to.have.length.greaterThan(5);
    for (const { path, method, operation } of withParams) expect(Object.keys(operation.responses), `${method} ${path}`).to.include('400');
  });

  it('offers bearer and OAuth2 password security, with the token endpoint', () => {
    const schemes = (document as unknown as { components: { securitySchemes: Record<string, unknown> } }).components.securitySchemes;
    expect(schemes.oauth2).to.deep.equal({ type: 'oauth2', flows: { password: { tokenUrl: '/api/v1/auth/token', scopes: {} } } });
    expect(schemes.bearer).to.include({ type: 'http', scheme: 'bearer' });
  });

  it('is the document every HTTP suite’s responses are checked against (built from the declarations alone)', () => {
    expect(document).to.deep.equal(openApiDocument());
  });

  it('passes Redocly’s recommended rules without an error, and without a warning but those it cannot help', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    const at = (p: NormalizedProblem) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}`;
    for (const p of problems.filter((p) => p.severity === 'warn')) console.log(`      Redocly warns: ${at(p)}: ${p.message}`);
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${at(p)}: ${p.message}`)).to.deep.equal([]);
    // Operations that refuse nothing (no token, parameter or body to get wrong): their one 4xx, 405, is their path's.
    const refuseNothing = ['/api/v1/categories', '/health/live', '/health/ready', '/api/v1/openapi.json'];
    expect(problems.filter((p) => p.severity === 'warn').map(at)).to.have.members(
      refuseNothing.map((path) => `operation-4xx-response #/paths/${path.replaceAll('/', '~1')}/get/responses`),
    );
  });

  it('documents the headers of every answer: X-Request-Id always, Location on 201, WWW-Authenticate on 401, Retry-After on 429 and 503', () => {
    const components = (document as unknown as { components: { headers: Record<string, { required: boolean }> } }).components;
    expect(components.headers['X-Request-Id']).to.include({ required: true });
    for (const { path, method, operation } of operationsOf(document))
      for (const [status, response] of Object.entries(operation.responses)) {
        const what = `${method.toUpperCase()} ${path} → ${status}`;
        const headers = response.headers ?? {};
        expect(headers['X-Request-Id'], what).to.deep.equal({ $ref: '#/components/headers/X-Request-Id' });
        if (status === '201') expect(headers.Location, what).to.include({ required: true });
        const codes = ((response.content?.['application/problem+json']?.schema as { allOf?: { properties?: { code?: { enum: string[] } } }[] } | undefined)?.allOf?.[1]?.properties?.code?.enum ?? []);
        if (codes.includes('unauthenticated')) expect(headers, what).to.have.property('WWW-Authenticate');
        if (status === '429' || status === '503') expect(headers, what).to.have.property('Retry-After');
        if (status === '304' || status === '206') expect(headers, what).to.have.property(status === '304' ? 'ETag' : 'Content-Range');
        if (status.startsWith('2') && status !== '204') expect(Object.keys(response.content ?? {}), `${what} has a media type`).to.not.be.empty;
      }
  });

  it('declares the request headers routes honour: If-Match on a theme’s PATCH, Range and If-None-Match on image bytes', () => {
    const headerParams = (path: string, method: string) =>
      (operationsOf(document).find((o) => o.path === path && o.method === method)!.operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    expect(headerParams('/api/v1/themes/{idOrSlug}', 'patch')).to.include('If-Match');
    for (const variant of ['content', 'thumbnail']) {
      expect(headerParams(`/api/v1/images/{id}/${variant}`, 'get')).to.include.members(['Range', 'If-None-Match']);
      const responses = operationsOf(document).find((o) => o.path === `/api/v1/images/{id}/${variant}`)!.operation.responses;
      expect(Object.keys(responses)).to.include.members(['200', '206', '302', '304', '416']);
    }
  });

  it('describes the input the server accepts and the normalised form it returns', () => {
    const validator = new OpenApiValidator(document as unknown as OpenApiDocument);
    const input = (path: string, body: unknown) => validator.schemaErrors(`/paths/${path.replaceAll('/', '~1')}/post/requestBody/content/application~1json/schema`, body);
    const output = (schema: string, value: unknown) => validator.schemaErrors(`/components/schemas/${schema}`, value);
    expect(input('/api/v1/auth/register', { email: ' X@EXAMPLE.COM ', username: 'Ada_L', password: 'correct horse battery' })).to.deep.equal([]);
    expect(input('/api/v1/themes', { name: 'Sea', colors: [{ name: 'Deep', hex: '#AABBCC' }], tags: ['Blue', ' calm '] })).to.deep.equal([]);
    expect(input('/api/v1/themes', { name: 'Sea', colors: [{ name: 'Deep', hex: 'blue' }] })).to.have.length(1);
    expect(output('Color', { name: 'Deep', hex: '#AABBCC' })).to.have.length(1);
    expect(output('Color', { name: 'Deep', hex: '#aabbcc' })).to.deep.equal([]);
    const user = { id: '0b3d9100-0000-4000-8000-000000000000', username: 'ada', displayName: 'Ada', bio: '', role: 'user', status: 'active', avatar: null, lastLoginAt: null, createdAt: '2026-11-21T16:00:00.000Z', updatedAt: '2026-11-21T16:00:00.000Z' };
    expect(output('UserPrivate', { ...user, email: 'x@example.com' })).to.deep.equal([]);
    expect(output('UserPrivate', { ...user, email: ' X@EXAMPLE.COM ' })).to.not.be.empty;
  });

  it('accepts and normalises what its request schemas allow (every exchange is checked against the document)', async () => {
    const registered = await request(app).post('/api/v1/auth/register').send({ email: ' X@EXAMPLE.COM ', username: 'Xavier', password: 'correct horse battery' });
    expect(registered.status).to.equal(201);
    expect(registered.body.user).to.include({ email: 'x@example.com', username: 'xavier' });
    const theme = await request(app)
      .post('/api/v1/themes')
      .set('Authorization', `Bearer ${registered.body.accessToken}`)
      .send({ name: 'Sea', colors: [{ name: 'Deep', hex: '#AABBCC' }], tags: ['Blue', ' calm '] });
    expect(theme.status).to.equal(201);
    expect(theme.body).to.deep.include({ colors: [{ name: 'Deep', hex: '#aabbcc' }], tags: ['blue', 'calm'] });
    const found = await request(app).get('/api/v1/themes').query({ owner: 'me', color: '#AABBCC', tag: 'BLUE' }).set('Authorization', `Bearer ${registered.body.accessToken}`);
    expect(found.body.items.map((t: { id: string }) => t.id)).to.deep.equal([theme.body.id]);
  });

  it('documents the health shape /health/ready answers with 503', async () => {
    const failing = new (class extends MemoryObjectStore {
      override async checkReady(): Promise<void> {
        throw new Error('the store is down');
      }
    })();
    const sick = await testRuntime({ objectStore: failing });
    try {
      const res = await request(testApp(sick)).get('/health/ready');
      expect(res.status).to.equal(503);
      expect(res.body).to.deep.equal({ status: 'failing', checks: { database: 'ok', objectStore: 'failing' } });
    } finally {
      await sick.close();
    }
  });

  it('answers a failure after the answer began without its cache headers: no problem is stored', async () => {
    const store = new (class extends MemoryObjectStore {
      failReads = false;
      override async get(...args: Parameters<MemoryObjectStore['get']>) {
        if (this.failReads) throw new Error('the store broke mid-read');
        return super.get(...args);
      }
    })();
    const broken = await testRuntime({ objectStore: store });
    try {
      const brokenApp = testApp(broken);
      const owner = await aMember(broken, 'owner');
      const theme = await request(brokenApp).post('/api/v1/themes').set('Authorization', `Bearer ${owner.token}`).send({ name: 'Sea', status: 'published', colors: [{ name: 'Deep', hex: '#0b3d91' }] });
      const image = await request(brokenApp).post(`/api/v1/themes/${theme.body.id}/images`).set('Authorization', `Bearer ${owner.token}`).attach('file', await anImage('png', 8, 8), 'a.png');
      store.failReads = true;
      const res = await request(brokenApp).get(`/api/v1/images/${image.body.id}/content`);
      expect(res.status).to.equal(500);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.headers).to.not.have.any.keys('etag', 'accept-ranges', 'content-disposition');
    } finally {
      await broken.close();
    }
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await request(app).get('/docs/');
    expect(res.status).to.equal(200);
    expect(res.text).to.include('swagger-ui');
  });
});
