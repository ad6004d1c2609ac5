import SwaggerParser from '@apidevtools/swagger-parser';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import type { Runtime } from '../../bootstrap/container.ts';
import { testApp, testRuntime } from '../support/runtime.ts';

type Document = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

/** Every route Express serves, as `METHOD /path/{param}`. */
function servedRoutes(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: unknown[]) => {
    for (const layer of stack as { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[]) {
      if (layer.route)
        for (const method of Object.keys(layer.route.methods)) routes.push(`${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: unknown[] } }).router.stack);
  return routes;
}

describe('OpenAPI document', () => {
  let runtime: Runtime;
  let app: Express;
  let document: Document;

  before(async () => {
    runtime = await testRuntime();
    app = testApp(runtime);
    document = (await request(app).get('/api/v1/openapi.json').expect(200)).body as Document;
  });
  after(() => runtime.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    await SwaggerParser.validate(structuredClone(document) as never);
  });

  it('describes every API route Express serves, and serves every route it describes', () => {
    const served = servedRoutes(app).filter((r) => / \/(api\/v1|health)\//.test(r) && !r.endsWith('/openapi.json'));
    const documented = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(served).to.have.length.greaterThan(10);
    expect([...documented].sort()).to.deep.equal([...served].sort());
  });

  it('documents problem responses on every operation', () => {
    for (const ops of Object.values(document.paths))
      for (const op of Object.values(ops)) expect(Object.keys(op.responses)).to.include.members(['500', '503']);
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
