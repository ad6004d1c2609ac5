import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from '../support/http.ts';
import { operationsOf } from '../support/openapi-validator.ts';
import { testApp, testRuntime } from '../support/runtime.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `METHOD /path/{}` as docs/api.md writes it: paths under /api/v1 without the base, parameters by any name. */
function normalise(method: string, route: string): string {
  const full = /^\/(api\/v1|health|docs)(\/|$)/.test(route) ? route : `/api/v1${route}`;
  return `${method.toUpperCase()} ${full.split('?')[0]!.replace(/\{\w+\}/g, '{}')}`;
}

describe('the repository documents its own API (docs/api.md)', () => {
  it('names every route the OpenAPI document (and so the server) serves', async () => {
    const runtime = await testRuntime();
    try {
      const { paths } = (await request(testApp(runtime)).get('/api/v1/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
      const served = operationsOf({ paths }).map(({ path: route, method }) => normalise(method, route));
      const docs = readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
      const documented = new Set([...docs.matchAll(/\b(GET|POST|PUT|PATCH|DELETE) (\/[^\s`|]*)/g)].map((m) => normalise(m[1]!, m[2]!)));
      expect(served.length).to.be.greaterThan(30);
      expect(served.filter((route) => !documented.has(route))).to.deep.equal([]);
    } finally {
      await runtime.close();
    }
  });

  it('is where the README points, and the README points nowhere outside the repository', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).to.include('(docs/api.md)');
    const links = [...readme.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((link) => !/^https?:/.test(link));
    for (const link of links) expect(link, link).to.not.match(/^\.\.\//);
    expect(readme).to.not.include('../shared');
  });
});
