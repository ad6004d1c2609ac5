import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { generateClientTypes, SCHEMA_FILE } from '../../clients/typescript/generate.ts';

describe('the TypeScript client’s generated types', () => {
  it('are those of the current OpenAPI document (after changing a route: npm run generate:client, and commit)', async function () {
    this.timeout(60_000);
    const committed = readFileSync(SCHEMA_FILE, 'utf8').split('\n');
    const generated = (await generateClientTypes()).split('\n');
    const line = generated.findIndex((text, i) => text !== committed[i]);
    const where = line === -1 && committed.length === generated.length ? 'nowhere' : `line ${(line === -1 ? generated.length : line) + 1}`;
    expect(where, `clients/typescript/src/schema.ts is stale from ${where}: run npm run generate:client`).to.equal('nowhere');
  });
});

describe('the TypeScript client’s README', () => {
  it('shows example.ts as it is (which npm run typecheck checks against the generated types)', () => {
    const readme = readFileSync(new URL('../../clients/typescript/README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../../clients/typescript/example.ts', import.meta.url), 'utf8');
    expect(readme).to.include('```ts\n' + example.trimEnd() + '\n```');
  });
});
